package lid.estimators.classical;

import java.util.List;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.BaseEstimator;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.knn.BruteForceKnn;
import lid.estimators.knn.KnnGraph;
import lid.estimators.knn.PairCounter;
import lid.kernels.Parallel;

/**
 * Correlation dimension (Grassberger and Procaccia 1983; skdim {@code CorrInt}): radii
 * r1 = median_i R_k1(x_i), r2 = median_i R_k2(x_i); C(r) = #{ordered pairs i != j : |x_i - x_j| < r}
 * / n^2; d = [ln C(r2) - ln C(r1)] / ln(r2 / r1). Pair counts are exact (see {@link PairCounter}).
 */
public final class CorrInt extends BaseEstimator {
    public CorrInt() {
        super("corrint",
                "correlation dimension between the median k1- and k2-NN radii (skdim CorrInt)",
                List.of(ParamInfo.integer("k1", "10", "neighbour rank of the first radius").range(1.0, null),
                        ParamInfo.integer("k2", "20", "neighbour rank of the second radius").range(2.0, null),
                        Local.pw(), Local.nbhd(), Local.skdimFlag()));
    }

    @Override
    public int neighbours(Params o) {
        return Local.patchNeighbours(o);
    }

    @Override
    public EstimatorResult estimate(EstimationInput in, Params o) {
        int k1 = o.integer("k1");
        int k2 = o.integer("k2");
        if (k1 >= k2) {
            throw new IllegalArgumentException("estimator '" + o.spec() + "': needs k1 < k2, got k1=" + k1 + ", k2=" + k2);
        }
        KnnGraph all = in.knnAll(k2);
        double global = fromGraph(in.data(), in.n(), in.dim(), all, k1, k2, in.parallel());
        double[] pw = Local.onPatches(in, o, k2 + 1, "k2=" + k2 + " neighbours", (p, m) ->
                fromGraph(p, m, in.dim(), BruteForceKnn.compute(p, m, in.dim(), k2), k1, k2, Parallel.serial()));
        return new EstimatorResult(o.spec(), pw, global);
    }

    static double fromGraph(double[] x, int n, int dim, KnnGraph g, int k1, int k2, Parallel parallel) {
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = g.distance(i, k1 - 1);
            b[i] = g.distance(i, k2 - 1);
        }
        double r1 = Local.median(a);
        double r2 = Local.median(b);
        long[] s = PairCounter.countBelow(x, n, dim, new double[] {r1, r2}, parallel);
        double elements = (double) n * n;
        return (Math.log(s[1] / elements) - Math.log(s[0] / elements)) / Math.log(r2 / r1);
    }
}
