package lid.datasets.generators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.datasets.spec.Spec;
import lid.datasets.spec.SpecParser;

/** Maps SPEC names to generators, validates parameters and runs a SPEC (one generator or a union). */
public final class GeneratorRegistry {
    private static final GeneratorRegistry DEFAULT = new GeneratorRegistry(all());

    private final Map<String, GeneratorInfo> byName = new LinkedHashMap<>();

    GeneratorRegistry(List<GeneratorInfo> generators) {
        for (GeneratorInfo g : generators) {
            if (byName.put(g.name().toLowerCase(Locale.ROOT), g) != null) {
                throw new IllegalStateException("two generators named " + g.name());
            }
        }
    }

    /** The registry of every built-in generator. */
    public static GeneratorRegistry standard() {
        return DEFAULT;
    }

    private static List<GeneratorInfo> all() {
        List<GeneratorInfo> out = new ArrayList<>();
        out.addAll(Spheres.entries());
        out.addAll(Tori.entries());
        out.addAll(TwinPeaks.entries());
        out.addAll(Campadelli.entries());
        out.addAll(ScoreMatchingBenchmark.entries());
        out.addAll(ManifoldMixture.entries());
        out.addAll(ToyDistributions.entries());
        out.addAll(LowRankGaussians.entries());
        out.addAll(BlobImages.entries());
        out.addAll(SkdimBenchmark.entries());
        return out;
    }

    public List<GeneratorInfo> generators() {
        return List.copyOf(byName.values());
    }

    /** The generator of a name (case-insensitive); fails listing the valid names. */
    public GeneratorInfo find(String name) {
        GeneratorInfo g = byName.get(name.toLowerCase(Locale.ROOT));
        if (g == null) {
            String near = closest(name);
            throw new IllegalArgumentException("unknown dataset generator '" + name + "'"
                    + (near == null ? "" : " (did you mean " + near + "?)")
                    + "; valid: " + String.join(", ", byName.values().stream().map(GeneratorInfo::name).toList())
                    + " (or a path to a .npy/.csv file)");
        }
        return g;
    }

    /** Every key a generator accepts: its own, then the common options. */
    public static List<ParamInfo> parameters(GeneratorInfo g) {
        List<ParamInfo> all = new ArrayList<>(g.params());
        all.addAll(CommonOptions.forGenerator(g));
        return all;
    }

    /** The points of a SPEC; a union A+B+... concatenates its parts (see {@link Union}). */
    public Points generate(String spec, int n, Rng rng) {
        if (n <= 0) {
            throw new IllegalArgumentException("the number of points must be >= 1, got n=" + n);
        }
        List<Spec> parts = SpecParser.parse(spec);
        if (parts.size() == 1) {
            return generatePart(parts.get(0), n, rng);
        }
        List<Params> params = new ArrayList<>();
        List<GeneratorInfo> infos = new ArrayList<>();
        for (Spec s : parts) {
            GeneratorInfo g = find(s.name());
            infos.add(g);
            params.add(new Params(g.name(), parameters(g), s.params()));
        }
        double[] weights = new double[parts.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = params.get(i).real(CommonOptions.WEIGHT, 0);
        }
        int[] counts = Union.split(n, weights, spec);
        List<Points> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            out.add(run(infos.get(i), params.get(i), counts[i], rng.child(i)));
        }
        return Union.concat(out);
    }

    private Points generatePart(Spec s, int n, Rng rng) {
        GeneratorInfo g = find(s.name());
        return run(g, new Params(g.name(), parameters(g), s.params()), n, rng);
    }

    private static Points run(GeneratorInfo g, Params params, int n, Rng rng) {
        Points raw = g.sampler().sample(params, n, rng);
        Points p = PostProcessing.apply(raw, params, g.ownsD(), rng);
        for (int i = 0; i < p.x().length; i++) {
            if (!Float.isFinite(p.x()[i])) {
                throw new IllegalStateException(g.name() + " produced a non-finite value at row " + i / p.dim()
                        + ", column " + i % p.dim() + " (a bug in the generator or an overflow in float32)");
            }
        }
        return p;
    }

    /** The registered name nearest to a misspelt one (edit distance <= 3), or null. */
    private String closest(String name) {
        String best = null;
        int bestDistance = 4;
        for (GeneratorInfo g : byName.values()) {
            int d = editDistance(name.toLowerCase(Locale.ROOT), g.name().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = g.name();
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
