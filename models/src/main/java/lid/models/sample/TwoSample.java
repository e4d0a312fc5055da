package lid.models.sample;

import java.util.Arrays;
import lid.kernels.ScalarKernels;

/**
 * Two-sample distances between point sets a [n, D] and b [m, D] (row-major), in double:
 * <ul>
 *   <li>sliced Wasserstein-1: the mean over random unit directions of the 1-D Wasserstein-1
 *       distance of the projections (quantile matching on a common grid);</li>
 *   <li>MMD^2 (unbiased) with a Gaussian kernel exp(-||x - y||^2 / (2 h^2)), h the median of
 *       pairwise distances of the pooled sample (computed on at most 1000 points);</li>
 *   <li>mean nearest-neighbour distance from each point of a to the set b: "precision" (samples
 *       to data: are samples on the data?) and "recall" (data to samples: is the data covered?).
 *       Unlike the two above it sees thin structure (a spiral blurred into a blob has nearly the
 *       same projections and a similar MMD at the median bandwidth).</li>
 * </ul>
 * Directions come from the Philox generator (seed), so values are reproducible.
 */
public final class TwoSample {
    private TwoSample() {}

    public static double slicedWasserstein(float[] a, int n, float[] b, int m, int dim, int directions, long seed) {
        float[] dirs = new float[directions * dim];
        ScalarKernels.INSTANCE.random().randomNormal(lid.kernels.RandomKeys.key(seed, lid.kernels.RandomKeys.Purpose.DIAGNOSTICS), 0, 0,
                dirs.length, dirs, 0);
        double total = 0;
        double[] pa = new double[n], pb = new double[m];
        for (int k = 0; k < directions; k++) {
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                norm += (double) dirs[k * dim + j] * dirs[k * dim + j];
            }
            norm = Math.sqrt(norm);
            project(a, n, dim, dirs, k, norm, pa);
            project(b, m, dim, dirs, k, norm, pb);
            Arrays.sort(pa);
            Arrays.sort(pb);
            int grid = Math.max(n, m);
            double w = 0;
            for (int q = 0; q < grid; q++) {
                double u = (q + 0.5) / grid;
                w += Math.abs(pa[(int) (u * n)] - pb[(int) (u * m)]);
            }
            total += w / grid;
        }
        return total / directions;
    }

    private static void project(float[] x, int n, int dim, float[] dirs, int k, double norm, double[] out) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += (double) x[i * dim + j] * dirs[k * dim + j];
            }
            out[i] = s / norm;
        }
    }

    /** Unbiased MMD^2 with a Gaussian kernel at the median-heuristic bandwidth. */
    public static double mmd2(float[] a, int n, float[] b, int m, int dim) {
        double h2 = medianSquaredDistance(a, n, b, m, dim);
        double kaa = 0, kbb = 0, kab = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                kaa += 2 * Math.exp(-sq(a, i, a, j, dim) / (2 * h2));
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                kbb += 2 * Math.exp(-sq(b, i, b, j, dim) / (2 * h2));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                kab += Math.exp(-sq(a, i, b, j, dim) / (2 * h2));
            }
        }
        return kaa / ((double) n * (n - 1)) + kbb / ((double) m * (m - 1)) - 2 * kab / ((double) n * m);
    }

    /** Mean over rows of a of the distance to the nearest row of b. */
    public static double meanNearestDistance(float[] a, int n, float[] b, int m, int dim) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                best = Math.min(best, sq(a, i, b, j, dim));
            }
            total += Math.sqrt(best);
        }
        return total / n;
    }

    private static double medianSquaredDistance(float[] a, int n, float[] b, int m, int dim) {
        int na = Math.min(n, 500), nb = Math.min(m, 500);
        float[] pool = new float[(na + nb) * dim];
        System.arraycopy(a, 0, pool, 0, na * dim);
        System.arraycopy(b, 0, pool, na * dim, nb * dim);
        int total = na + nb;
        double[] d = new double[total * (total - 1) / 2];
        int c = 0;
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                d[c++] = sq(pool, i, pool, j, dim);
            }
        }
        Arrays.sort(d);
        double med = d[d.length / 2];
        return med > 0 ? med : 1;
    }

    private static double sq(float[] x, int i, float[] y, int j, int dim) {
        double s = 0;
        for (int c = 0; c < dim; c++) {
            double diff = (double) x[i * dim + c] - y[j * dim + c];
            s += diff * diff;
        }
        return s;
    }
}
