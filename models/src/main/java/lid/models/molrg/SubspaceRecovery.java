package lid.models.molrg;

import java.util.List;
import lid.datasets.LowRankMixture;
import lid.engine.Tensor;

/**
 * How well learned bases U_hat_k recover a mixture's true subspaces: the projector error
 * ||U_hat U_hat^T - U U^T||_F per true component, after matching learned to true components by
 * the permutation with the smallest total error (brute force for K <= 8, else greedy). The
 * error is 0 for the exact subspace and sqrt(2 d) for an orthogonal one of the same dimension.
 */
public final class SubspaceRecovery {
    private SubspaceRecovery() {}

    /** Errors per true component (index k = component k of the mixture). */
    public static double[] errors(List<Tensor> learned, LowRankMixture truth) {
        int kCount = truth.components().size();
        if (learned.size() != kCount) {
            throw new IllegalArgumentException("learned " + learned.size() + " bases for " + kCount + " true components");
        }
        int dim = truth.dim();
        double[][] cost = new double[kCount][kCount]; // cost[true][learned]
        for (int i = 0; i < kCount; i++) {
            LowRankMixture.Component c = truth.components().get(i);
            for (int j = 0; j < kCount; j++) {
                cost[i][j] = projectorDistance(c.basis(), c.rank(), learned.get(j).toArray(), learned.get(j).dim(1), dim);
            }
        }
        int[] best = kCount <= 8 ? bestPermutation(cost) : greedy(cost);
        double[] out = new double[kCount];
        for (int i = 0; i < kCount; i++) {
            out[i] = cost[i][best[i]];
        }
        return out;
    }

    /** ||P - Q||_F^2 = r + s - 2 ||U^T V||_F^2 for orthonormal U [D, r], V [D, s]. */
    public static double projectorDistance(double[] u, int r, float[] v, int s, int dim) {
        double cross = 0;
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < s; b++) {
                double dot = 0;
                for (int i = 0; i < dim; i++) {
                    dot += u[i * r + a] * v[i * s + b];
                }
                cross += dot * dot;
            }
        }
        return Math.sqrt(Math.max(0, r + s - 2 * cross));
    }

    private static int[] bestPermutation(double[][] cost) {
        int n = cost.length;
        int[] perm = new int[n], best = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double[] bestCost = {Double.POSITIVE_INFINITY};
        permute(perm, 0, cost, best, bestCost);
        return best;
    }

    private static void permute(int[] p, int k, double[][] cost, int[] best, double[] bestCost) {
        if (k == p.length) {
            double c = 0;
            for (int i = 0; i < p.length; i++) {
                c += cost[i][p[i]];
            }
            if (c < bestCost[0]) {
                bestCost[0] = c;
                System.arraycopy(p, 0, best, 0, p.length);
            }
            return;
        }
        for (int i = k; i < p.length; i++) {
            int tmp = p[k];
            p[k] = p[i];
            p[i] = tmp;
            permute(p, k + 1, cost, best, bestCost);
            p[i] = p[k];
            p[k] = tmp;
        }
    }

    private static int[] greedy(double[][] cost) {
        int n = cost.length;
        int[] out = new int[n];
        boolean[] used = new boolean[n];
        for (int i = 0; i < n; i++) {
            int arg = -1;
            for (int j = 0; j < n; j++) {
                if (!used[j] && (arg < 0 || cost[i][j] < cost[i][arg])) {
                    arg = j;
                }
            }
            used[arg] = true;
            out[i] = arg;
        }
        return out;
    }
}
