package lid.estimators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lid.estimators.classical.ClassicalEstimators;

/**
 * Estimators by their binding names (DESIGN.md command-line contract). Immutable; {@link
 * #standard()} holds every name of the contract: the model-free estimators, and the model-based
 * ones.
 */
public final class EstimatorRegistry {
    private final Map<String, LidEstimator> byName;

    private EstimatorRegistry(List<LidEstimator> estimators) {
        Map<String, LidEstimator> m = new LinkedHashMap<>();
        for (LidEstimator e : estimators) {
            if (m.put(e.name(), e) != null) {
                throw new IllegalArgumentException("estimator name '" + e.name() + "' registered twice");
            }
        }
        this.byName = Map.copyOf(m);
        this.order = List.copyOf(m.keySet());
    }

    private final List<String> order;

    /** A registry of exactly these estimators (names must be distinct and lower-case). */
    public static EstimatorRegistry of(List<LidEstimator> estimators) {
        return new EstimatorRegistry(estimators);
    }

    /** Every estimator of the contract, model-based first (as DESIGN.md lists them). */
    public static EstimatorRegistry standard() {
        List<LidEstimator> all = new ArrayList<>(modelBased());
        all.addAll(ClassicalEstimators.all());
        return new EstimatorRegistry(all);
    }

    /** The model-free estimators only. */
    public static EstimatorRegistry classical() {
        return new EstimatorRegistry(ClassicalEstimators.all());
    }

    static List<LidEstimator> modelBased() {
        return List.of(new lid.estimators.diffusion.DsmLid(), new lid.estimators.diffusion.ErrorBundle(),
                new lid.estimators.diffusion.IsmLid(), new lid.estimators.diffusion.Flipd(),
                new lid.estimators.diffusion.NormalBundle(), new lid.estimators.diffusion.Lidl(),
                new lid.estimators.diffusion.FpRegress(), new lid.estimators.diffusion.Cfdm());
    }

    /** Names in registration order. */
    public List<String> names() {
        return order;
    }

    public List<LidEstimator> estimators() {
        List<LidEstimator> l = new ArrayList<>();
        for (String n : order) {
            l.add(byName.get(n));
        }
        return l;
    }

    /** The estimator of a name (case-insensitive); unknown names list the valid ones. */
    public LidEstimator get(String name) {
        String key = Options.nameOf(name);
        LidEstimator e = byName.get(key);
        if (e == null) {
            String hint = name.contains("=") && !name.contains(":") ? " (options of one estimator are separated by ':', "
                    + "not ',': e.g. corrint:k1=10:k2=20)" : "";
            throw new IllegalArgumentException("unknown estimator '" + name.strip() + "'" + hint + "; valid: "
                    + String.join(", ", order));
        }
        return e;
    }

    /** A spec {@code name:key=value:...} parsed and validated. */
    public ConfiguredEstimator parse(String spec) {
        LidEstimator e = get(spec);
        return new ConfiguredEstimator(e, Options.parse(spec, e.options()));
    }

    /** A comma-separated list of specs ({@code --estimators mle:k=20,twonn}). */
    public List<ConfiguredEstimator> parseList(String specs) {
        List<ConfiguredEstimator> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String s : specs.split(",")) {
            if (!s.isBlank()) {
                ConfiguredEstimator ce = parse(s);
                if (!seen.add(ce.spec())) {
                    throw new IllegalArgumentException("estimator '" + ce.spec() + "' is listed twice; every column is named by "
                            + "its spec, so give each once (other options make other columns, e.g. mle:k=10,mle:k=20)");
                }
                out.add(ce);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no estimator given; valid: " + String.join(", ", order));
        }
        return out;
    }

    /** Help text: one block per estimator with its options and defaults. */
    public String help() {
        StringBuilder sb = new StringBuilder();
        for (LidEstimator e : estimators()) {
            sb.append(e.name()).append(e.needsModel() ? " (needs --model)" : "").append(": ")
                    .append(e.description()).append('\n');
            for (OptionSpec o : e.options()) {
                sb.append("    ").append(o.usage()).append("  ").append(o.description()).append('\n');
            }
        }
        return sb.toString();
    }
}
