package lid.models.molrg;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The direct solvers of the MoLRG phase transition (math.md 7.3): PCA for one subspace, and
 * K-subspaces clustering for several (assign each point to the subspace that keeps most of its
 * energy, refit each subspace by PCA of its points, repeat; best of several random starts by
 * the residual sum_i ||x_i - U U^T x_i||^2). Bases come back as row-major [D, d] arrays with
 * orthonormal columns.
 */
public final class KSubspaces {
    private KSubspaces() {}

    public record Fit(List<float[]> bases, double residual) {}

    /** The top-d right singular vectors of the rows (all D of them exist even when rows < d). */
    public static float[] pca(double[] x, int rows, int dim, int d) {
        if (rows == 0) {
            throw new IllegalArgumentException("PCA of no points");
        }
        DMatrixRMaj a = new DMatrixRMaj(rows, dim, true, x);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, dim, false, true, false);
        if (!svd.decompose(a)) {
            throw new IllegalStateException("SVD failed");
        }
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false); // [dim, dim], columns = right singular vectors
        SingularOps_DDRM.descendingOrder(null, false, w, v, false);
        float[] u = new float[dim * d];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < d; j++) {
                u[i * d + j] = (float) v.get(i, j);
            }
        }
        return u;
    }

    public static Fit fit(float[] x, int n, int dim, int k, int d, int restarts, long seed, int maxIter) {
        Fit best = null;
        Random rng = new Random(seed);
        for (int r = 0; r < restarts; r++) {
            Fit f = once(x, n, dim, k, d, rng, maxIter);
            if (best == null || f.residual() < best.residual()) {
                best = f;
            }
        }
        return best;
    }

    private static Fit once(float[] x, int n, int dim, int k, int d, Random rng, int maxIter) {
        int[] assign = new int[n];
        List<float[]> bases = k == 1 ? refit(x, n, dim, 1, d, assign, rng) : seeded(x, n, dim, k, d, rng);
        for (int i = 0; i < n && k > 1; i++) {
            assign[i] = closest(x, i, dim, bases, d);
        }
        if (k > 1) {
            bases = refit(x, n, dim, k, d, assign, rng);
        }
        for (int it = 0; it < maxIter && k > 1; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int a = closest(x, i, dim, bases, d);
                changed |= a != assign[i];
                assign[i] = a;
            }
            if (!changed) {
                break;
            }
            bases = refit(x, n, dim, k, d, assign, rng);
        }
        double res = 0;
        for (int i = 0; i < n; i++) {
            double e = 0;
            for (int c = 0; c < dim; c++) {
                e += (double) x[i * dim + c] * x[i * dim + c];
            }
            res += e - energy(x, i, dim, bases.get(assign[i]), d);
        }
        return new Fit(bases, res);
    }

    /**
     * Initial subspaces: a random seed point (for later subspaces, one the subspaces so far explain
     * poorly) and its d - 1 most correlated points (|cosine|); points of another orthogonal
     * subspace have correlation 0, so a seed's neighbours come from its own subspace when it has them.
     */
    public static List<float[]> seeded(float[] x, int n, int dim, int k, int d, Random rng) {
        List<float[]> bases = new ArrayList<>();
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            double e = 0;
            for (int c = 0; c < dim; c++) {
                e += (double) x[i * dim + c] * x[i * dim + c];
            }
            norm[i] = Math.sqrt(e);
        }
        for (int b = 0; b < k; b++) {
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double captured = 0;
                for (float[] u : bases) {
                    captured = Math.max(captured, energy(x, i, dim, u, d) / Math.max(1e-30, norm[i] * norm[i]));
                }
                if (captured < 0.5) {
                    candidates.add(i);
                }
            }
            int seed = candidates.isEmpty() ? rng.nextInt(n) : candidates.get(rng.nextInt(candidates.size()));
            Integer[] order = new Integer[n];
            double[] cos = new double[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
                double dot = 0;
                for (int c = 0; c < dim; c++) {
                    dot += (double) x[i * dim + c] * x[seed * dim + c];
                }
                cos[i] = i == seed ? Double.POSITIVE_INFINITY : Math.abs(dot) / Math.max(1e-30, norm[i] * norm[seed]);
            }
            java.util.Arrays.sort(order, (p, q) -> Double.compare(cos[q], cos[p]));
            int m = Math.min(d, n);
            double[] sub = new double[m * dim];
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < dim; c++) {
                    sub[r * dim + c] = x[order[r] * dim + c];
                }
            }
            bases.add(pca(sub, m, dim, d));
        }
        return bases;
    }

    private static List<float[]> refit(float[] x, int n, int dim, int k, int d, int[] assign, Random rng) {
        List<float[]> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int rows = 0;
            for (int a : assign) {
                rows += a == c ? 1 : 0;
            }
            double[] sub;
            if (rows == 0) { // an empty cluster restarts from one random point
                rows = 1;
                int i = rng.nextInt(n);
                sub = new double[dim];
                for (int j = 0; j < dim; j++) {
                    sub[j] = x[i * dim + j];
                }
            } else {
                sub = new double[rows * dim];
                int r = 0;
                for (int i = 0; i < n; i++) {
                    if (assign[i] == c) {
                        for (int j = 0; j < dim; j++) {
                            sub[r * dim + j] = x[i * dim + j];
                        }
                        r++;
                    }
                }
            }
            out.add(pca(sub, rows, dim, d));
        }
        return out;
    }

    private static int closest(float[] x, int i, int dim, List<float[]> bases, int d) {
        int best = 0;
        double bestE = -1;
        for (int c = 0; c < bases.size(); c++) {
            double e = energy(x, i, dim, bases.get(c), d);
            if (e > bestE) {
                bestE = e;
                best = c;
            }
        }
        return best;
    }

    /** ||U^T x_i||^2. */
    static double energy(float[] x, int i, int dim, float[] u, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double p = 0;
            for (int c = 0; c < dim; c++) {
                p += (double) u[c * d + j] * x[i * dim + c];
            }
            s += p * p;
        }
        return s;
    }
}
