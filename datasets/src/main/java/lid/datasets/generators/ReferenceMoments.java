package lid.datasets.generators;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import lid.datasets.LowRankMixture;

/**
 * The per-coordinate means and standard deviations that standardize / normalize divide by. They
 * belong to the manifold, not to the sample, so that two seeds or two sizes of one SPEC are
 * scaled alike (a model trained on --seed 1 sees --seed 2 in its own coordinates):
 * <ul>
 *   <li>exact, when the points carry a Gaussian mixture: mean = sum_k w_k mu_k and
 *       var_j = sum_k w_k (mu_kj^2 + sum_r (U_jr s_r)^2 + noise_j^2) - mean_j^2;</li>
 *   <li>otherwise from a fixed reference sample of {@value #REFERENCE_N} points of the same
 *       instance, drawn from a key of its own (the instance, purpose REFERENCE_SAMPLE), with the
 *       unbiased std.</li>
 * </ul>
 * Results are kept per (instance, part, parameters) for the life of the process, so a generator
 * pays for its reference sample once.
 */
final class ReferenceMoments {
    private ReferenceMoments() {}

    /** Points in the reference sample of a manifold without an exact mixture. */
    static final int REFERENCE_N = 10_000;
    private static final int CACHE_SIZE = 64;

    /** Column means and standard deviations. */
    record Moments(double[] mean, double[] std) {}

    private static final Map<String, Moments> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Moments> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /**
     * The moments of a manifold: exact from {@code mixture} when it is not null, else from the
     * reference sample that {@code referenceSample} draws (called at most once per key).
     */
    static Moments of(String key, LowRankMixture mixture, Supplier<Points> referenceSample) {
        if (mixture != null) {
            return exact(mixture);
        }
        synchronized (CACHE) {
            Moments m = CACHE.get(key);
            if (m == null) {
                Points ref = referenceSample.get();
                double[] mean = new double[ref.dim()];
                double[] std = new double[ref.dim()];
                PostProcessing.columnMoments(ref.x(), ref.n(), ref.dim(), mean, std);
                m = new Moments(mean, std);
                CACHE.put(key, m);
            }
            return m;
        }
    }

    /** The exact moments of a Gaussian mixture. */
    static Moments exact(LowRankMixture mixture) {
        int dim = mixture.dim();
        double[] mean = new double[dim];
        double[] second = new double[dim];
        for (LowRankMixture.Component c : mixture.components()) {
            for (int j = 0; j < dim; j++) {
                double v = c.noiseStd()[j] * c.noiseStd()[j];
                for (int r = 0; r < c.rank(); r++) {
                    double u = c.basis(j, r) * c.scales()[r];
                    v += u * u;
                }
                mean[j] += c.weight() * c.mean()[j];
                second[j] += c.weight() * (c.mean()[j] * c.mean()[j] + v);
            }
        }
        double[] std = new double[dim];
        for (int j = 0; j < dim; j++) {
            std[j] = Math.sqrt(Math.max(0, second[j] - mean[j] * mean[j]));
        }
        return new Moments(mean, std);
    }
}
