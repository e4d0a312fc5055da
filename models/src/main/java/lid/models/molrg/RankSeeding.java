package lid.models.molrg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Starting bases for a MoLRG denoiser whose components have different ranks (say 2, 4 and 6).
 * Random starts end with directions swapped between components (0 of 8 recovered 2-4-6 in
 * R^48), so each slot, largest rank first, is seeded from data: a random point not yet explained
 * by the slots seeded so far, and its 2 d_k most |cos|-correlated points, accepted when they span
 * exactly d_k dimensions (points of other orthogonal components have correlation 0, so a seed's
 * neighbours come from its own component); the slot's basis is their top-d_k PCA. No labels used.
 */
public final class RankSeeding {
    private RankSeeding() {}

    private static final int TRIES = 200;

    /** Row-major [D, dims[k]] orthonormal bases, one per slot, in slot order. */
    public static List<float[]> bases(float[] x, int n, int dim, int[] dims, Random rng) {
        double[] norm2 = new double[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dim; c++) {
                norm2[i] += (double) x[i * dim + c] * x[i * dim + c];
            }
        }
        Integer[] order = new Integer[dims.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (p, q) -> Integer.compare(dims[q], dims[p]));
        float[][] out = new float[dims.length][];
        List<float[]> seeded = new ArrayList<>();
        List<Integer> seededDims = new ArrayList<>();
        for (int slot : order) {
            int dk = dims[slot];
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double captured = 0;
                for (int s = 0; s < seeded.size(); s++) {
                    captured = Math.max(captured, KSubspaces.energy(x, i, dim, seeded.get(s), seededDims.get(s)) / Math.max(1e-30, norm2[i]));
                }
                if (captured < 0.5 && norm2[i] > 0) {
                    candidates.add(i);
                }
            }
            double[] best = null;
            int bestMiss = Integer.MAX_VALUE;
            for (int t = 0; t < TRIES && bestMiss > 0 && !candidates.isEmpty(); t++) {
                double[] patch = neighbourhood(x, n, dim, norm2, candidates.get(rng.nextInt(candidates.size())), 2 * dk);
                int miss = Math.abs(rank(patch, patch.length / dim, dim) - dk);
                if (miss < bestMiss) {
                    bestMiss = miss;
                    best = patch;
                }
            }
            if (best == null) { // every point already explained: any point's neighbourhood
                best = neighbourhood(x, n, dim, norm2, rng.nextInt(n), 2 * dk);
            }
            out[slot] = KSubspaces.pca(best, best.length / dim, dim, dk);
            seeded.add(out[slot]);
            seededDims.add(dk);
        }
        return Arrays.asList(out);
    }

    /** The seed and its m - 1 most |cos|-correlated points, as rows. */
    private static double[] neighbourhood(float[] x, int n, int dim, double[] norm2, int seed, int m) {
        double[] cos = new double[n];
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            double dot = 0;
            for (int c = 0; c < dim; c++) {
                dot += (double) x[i * dim + c] * x[seed * dim + c];
            }
            cos[i] = i == seed ? Double.POSITIVE_INFINITY : Math.abs(dot) / Math.sqrt(Math.max(1e-60, norm2[i] * norm2[seed]));
        }
        Arrays.sort(idx, (p, q) -> Double.compare(cos[q], cos[p]));
        int rows = Math.min(m, n);
        double[] patch = new double[rows * dim];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < dim; c++) {
                patch[r * dim + c] = x[idx[r] * dim + c];
            }
        }
        return patch;
    }

    /** Number of singular values above 1e-3 of the largest. */
    static int rank(double[] rows, int m, int dim) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, dim, false, false, true);
        if (!svd.decompose(new DMatrixRMaj(m, dim, true, rows))) {
            throw new IllegalStateException("SVD failed");
        }
        double[] s = svd.getSingularValues();
        double max = Arrays.stream(s).max().orElse(0);
        return (int) Arrays.stream(s).filter(v -> v > 1e-3 * max).count();
    }
}
