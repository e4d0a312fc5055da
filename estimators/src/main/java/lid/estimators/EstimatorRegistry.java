package lid.estimators;

import lid.datasets.spec.Params;
import lid.datasets.spec.ParamInfo;

import java.util.ArrayList;
import java.util.List;
import lid.datasets.spec.Registry;
import lid.datasets.spec.SpecParser;
import lid.estimators.classical.ClassicalEstimators;

/**
 * Estimators by their binding names (DESIGN.md command-line contract). Immutable; {@link
 * #standard()} holds every name of the contract: the model-free estimators, and the model-based
 * ones.
 */
public final class EstimatorRegistry {
    private final Registry<LidEstimator> registry;

    private EstimatorRegistry(List<LidEstimator> estimators) {
        this.registry = new Registry<>("estimator", estimators, LidEstimator::name);
    }

    /** A registry of exactly these estimators (names must be distinct and lower-case). */
    public static EstimatorRegistry of(List<LidEstimator> estimators) {
        return new EstimatorRegistry(estimators);
    }

    /** This registry plus these estimators (a library user's own, registered without editing the list). */
    public EstimatorRegistry with(LidEstimator... more) {
        List<LidEstimator> all = new ArrayList<>(estimators());
        all.addAll(List.of(more));
        return new EstimatorRegistry(all);
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
        return registry.all().stream().map(LidEstimator::name).toList();
    }

    public List<LidEstimator> estimators() {
        return registry.all();
    }

    /** The estimator of a name (case-insensitive); an unknown name gets the nearest and every valid one. */
    public LidEstimator get(String name) {
        try {
            return registry.find(SpecParser.nameOf(name));
        } catch (IllegalArgumentException e) {
            boolean commaOptions = name.contains("=") && !name.contains(":");
            throw new IllegalArgumentException(e.getMessage() + (commaOptions ? " (options of one estimator are separated by "
                    + "':', not ',': e.g. corrint:k1=10:k2=20)" : ""));
        }
    }

    /** A spec {@code name:key=value:...} parsed and validated. */
    public ConfiguredEstimator parse(String spec) {
        LidEstimator e = get(spec);
        return new ConfiguredEstimator(e, Params.parse("estimator", spec, e.options()));
    }

    /** A comma-separated list of specs ({@code --estimators mle:k=20,twonn}). */
    public List<ConfiguredEstimator> parseList(String specs) {
        List<ConfiguredEstimator> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String s : specs.split(",")) {
            if (!s.isBlank()) {
                ConfiguredEstimator ce = parse(s);
                // the same estimator with the same options, however written (mle and MLE are one column twice)
                if (!seen.add(ce.estimator().name() + ":" + new java.util.TreeMap<>(ce.options().explicit()))) {
                    throw new IllegalArgumentException("estimator '" + ce.spec() + "' is listed twice; every column is named by "
                            + "its spec, so give each once (other options make other columns, e.g. mle:k=10,mle:k=20)");
                }
                out.add(ce);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no estimator given; valid: " + registry.names());
        }
        return out;
    }

    /** Help text: one block per estimator with its options and defaults. */
    public String help() {
        StringBuilder sb = new StringBuilder();
        for (LidEstimator e : estimators()) {
            sb.append(e.name()).append(e.needsModel() ? " (needs --model)" : "").append(": ")
                    .append(e.description()).append('\n');
            for (ParamInfo o : e.options()) {
                sb.append("    ").append(o.usage()).append("  ").append(o.description()).append('\n');
            }
        }
        return sb.toString();
    }
}
