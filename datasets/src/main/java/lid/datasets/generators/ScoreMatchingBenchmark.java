package lid.datasets.generators;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The five manifolds of the score-matching LID benchmark (Yeats et al. 2025, benchmarks.md 1.1),
 * as presets: each is a plain generator with the benchmark's d and D as defaults and the
 * benchmark's normalisation on (centre, divide by max column std + 1e-5). No random rotation:
 * the normal spaces are axis-aligned, as in the reference. The reference used 2000 points.
 */
public final class ScoreMatchingBenchmark {
    private ScoreMatchingBenchmark() {}

    /** The presets in the reference's output order. */
    public static final List<String> NAMES = List.of(
            "sm_hypersphere", "sm_hyperball", "sm_hypertwinpeaks", "sm_clifford", "sm_nonlinear");

    /** The number of points per manifold in the reference benchmark. */
    public static final int REFERENCE_N = 2000;

    public static List<GeneratorInfo> entries() {
        Map<String, String> normalize = Map.of(CommonOptions.NORMALIZE, "true");
        return List.of(
                new GeneratorInfo("sm_hypersphere", "score-matching-lid hypersphere: sphere d=16 (S^16 in R^17) zero-padded to D=64, normalised",
                        "d", List.of(Spheres.D_SMALL.withDefault("16"), Spheres.RADIUS),
                        with(normalize, "D", "64"), Spheres::sampleSphere),
                new GeneratorInfo("sm_hyperball", "score-matching-lid hyperball: ball d=16 zero-padded to D=64, normalised",
                        "d", List.of(Spheres.D_SMALL.withDefault("16"), Spheres.RADIUS),
                        with(normalize, "D", "64"), Spheres::sampleBall),
                new GeneratorInfo("sm_hypertwinpeaks", "score-matching-lid hypertwinpeaks: twin_peaks d=128 (R^129) zero-padded to D=256, normalised "
                        + "(at d=128 the height is ~2^-128: numerically a flat cube)",
                        "d", List.of(Spheres.D_SMALL.withDefault("128"), TwinPeaks.PARAMS.get(1)),
                        with(normalize, "D", "256"), TwinPeaks::sample),
                new GeneratorInfo("sm_clifford", "score-matching-lid Clifford torus: clifford d=32 in D=128 with permuted columns, normalised",
                        "d", Tori.cliffordParams("32", "128"), normalize, Tori::sampleClifford),
                new GeneratorInfo("sm_nonlinear", "score-matching-lid nonlinear (Campadelli N): campadelli_n d=32 in R^128, normalised",
                        "d", List.of(Spheres.D_SMALL.withDefault("32")), normalize, Campadelli::sampleN));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        var m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
