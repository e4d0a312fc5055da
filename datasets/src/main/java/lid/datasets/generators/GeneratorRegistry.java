package lid.datasets.generators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Registry;
import lid.datasets.spec.Params;
import lid.datasets.spec.Spec;
import lid.datasets.spec.SpecParser;
import lid.kernels.RandomKeys;

/** Maps SPEC names to generators, validates parameters and runs a SPEC (one generator or a union). */
public final class GeneratorRegistry {
    private static final GeneratorRegistry DEFAULT = new GeneratorRegistry(all());

    private final Registry<GeneratorInfo> registry;

    GeneratorRegistry(List<GeneratorInfo> generators) {
        registry = new Registry<>("dataset generator", generators, GeneratorInfo::name);
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

    /** This registry plus these generators (a library user's own, registered without editing the list). */
    public GeneratorRegistry with(GeneratorInfo... more) {
        List<GeneratorInfo> all = new ArrayList<>(generators());
        all.addAll(List.of(more));
        return new GeneratorRegistry(all);
    }

    public List<GeneratorInfo> generators() {
        return registry.all();
    }

    /** The generator of a name (case-insensitive); fails naming the nearest and every valid name. */
    public GeneratorInfo find(String name) {
        try {
            return registry.find(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (or a path to a .npy/.csv file)");
        }
    }

    /** Every key a generator accepts: its own, then the common options. */
    public static List<ParamInfo> parameters(GeneratorInfo g) {
        List<ParamInfo> all = new ArrayList<>(g.params());
        all.addAll(CommonOptions.forGenerator(g));
        return all;
    }

    /**
     * The points of a SPEC; a union A+B+... concatenates its parts (see {@link Union}). Part i's
     * manifold comes from its instance key (child i of the instance Rng), its points from child i
     * of the sample Rng of {@code seed}.
     */
    public Points generate(String spec, int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("the number of points must be >= 1, got n=" + n);
        }
        List<Part> parts = parts(spec);
        Rng sample = Rng.of(seed, RandomKeys.Purpose.SAMPLE);
        if (parts.size() == 1) {
            return run(parts.get(0), 0, n, sample.child(0));
        }
        double[] weights = new double[parts.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = parts.get(i).params().real(CommonOptions.WEIGHT, 0);
        }
        int[] counts = Union.split(n, weights, spec);
        List<Points> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            out.add(run(parts.get(i), i, counts[i], sample.child(i)));
        }
        return Union.concat(out);
    }

    /**
     * The ambient dimension of a SPEC's points (the largest part's), found by drawing one point of
     * each part: lets a caller check that n points fit before drawing them.
     */
    public int dimension(String spec) {
        int dim = 0;
        List<Part> parts = parts(spec);
        Rng sample = Rng.of(0, RandomKeys.Purpose.SAMPLE);
        for (int i = 0; i < parts.size(); i++) {
            dim = Math.max(dim, draw(parts.get(i), i, 1, sample.child(i)).dim());
        }
        return dim;
    }

    /** One part of a SPEC: its generator and its parameters (validated). */
    public record Part(GeneratorInfo generator, Params params) {}

    /** The parts of a SPEC with their parameters checked against the generators' declarations. */
    public List<Part> parts(String spec) {
        List<Part> out = new ArrayList<>();
        for (Spec s : SpecParser.parse(spec)) {
            GeneratorInfo g = find(s.name());
            out.add(new Part(g, new Params(g.name(), parameters(g), s.params())));
        }
        return out;
    }

    /**
     * The canonical text of the distribution a SPEC names (every parameter with its default, in
     * normal form; a lone part's weight left out): equal for two SPECs exactly when they name the
     * same manifold and distribution, e.g. {@code affine} and {@code affine:D=10,instance=0}.
     */
    public String canonical(String spec) {
        List<Part> parts = parts(spec);
        Set<String> skip = parts.size() == 1 ? Set.of(CommonOptions.WEIGHT) : Set.of();
        List<String> texts = new ArrayList<>();
        for (Part p : parts) {
            texts.add(p.params().canonical(skip));
        }
        return String.join("+", texts);
    }

    /**
     * Part {@code index} with n points: the generator's points, embedding and noise, then the
     * scaling with the manifold's own constants (from the instance: never from n or the seed).
     */
    private static Points run(Part part, int index, int n, Rng sample) {
        GeneratorInfo g = part.generator();
        Params params = part.params();
        long instance = instanceKey(params);
        Points p = draw(part, index, n, sample);
        String scaling = PostProcessing.scaling(params);
        if (scaling != null) {
            String key = instance + "/" + index + "/" + params.canonical(Set.of());
            ReferenceMoments.Moments m = ReferenceMoments.of(key, p.mixture(), () -> draw(part, index,
                    ReferenceMoments.REFERENCE_N, Rng.of(instance, RandomKeys.Purpose.REFERENCE_SAMPLE).child(index)));
            p = PostProcessing.scale(p, m, scaling.equals(CommonOptions.STANDARDIZE));
        }
        for (int i = 0; i < p.x().length; i++) {
            if (!Float.isFinite(p.x()[i])) {
                throw new IllegalStateException(g.name() + " produced a non-finite value at row " + (i / p.dim() + 1)
                        + ", column " + (i % p.dim() + 1) + " (a bug in the generator or an overflow in float32)");
            }
        }
        return p;
    }

    /** The generator's points, embedded and noised, with a fresh instance Rng (so every call sees the same manifold). */
    private static Points draw(Part part, int index, int n, Rng sample) {
        GeneratorInfo g = part.generator();
        Rng instance = Rng.of(instanceKey(part.params()), RandomKeys.Purpose.INSTANCE).child(index);
        Points raw = g.sampler().sample(part.params(), n, instance, sample);
        return PostProcessing.embedAndNoise(raw, part.params(), g.ownsD(), instance, sample);
    }

    private static long instanceKey(Params params) {
        String v = params.raw(CommonOptions.INSTANCE);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw params.error("instance=" + v + " must be an integer (which manifold of the family; default 0)");
        }
    }
}
