package lid.extending;

import java.util.List;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.BaseEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.knn.KnnGraph;

/**
 * Worked example of docs/extending.md (an estimator): the slope of log j against log R_j over a
 * point's k nearest neighbours. Locally uniform data of dimension d has j proportional to R_j^d,
 * so the least-squares slope estimates d (Pettis et al. 1979 fit the same growth law). The
 * global value is the mean of the finite pointwise values.
 */
public final class KnnSlope extends BaseEstimator {
    public KnnSlope() {
        super("kslope", "least-squares slope of log j on log R_j over the k nearest neighbours (example)",
                List.of(ParamInfo.integer("k", "20", "neighbours per point").range(3.0, null)));
    }

    @Override
    public int neighbours(Params o) {
        return o.integer("k");
    }

    @Override
    public EstimatorResult estimate(EstimationInput in, Params o) {
        int k = o.integer("k");
        KnnGraph g = in.knn(k);
        double[] pw = new double[in.queryCount()];
        double sum = 0;
        int finite = 0;
        for (int q = 0; q < pw.length; q++) {
            pw[q] = slope(g, q, k);
            if (Double.isFinite(pw[q])) {
                sum += pw[q];
                finite++;
            }
        }
        return new EstimatorResult(o.spec(), pw, finite == 0 ? Double.NaN : sum / finite);
    }

    /** The slope over neighbours j = 1..k with R_j > 0; NaN when fewer than 3 remain. */
    static double slope(KnnGraph g, int q, int k) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int j = 1; j <= k; j++) {
            double r = g.distance(q, j - 1);
            if (r > 0) {
                double x = Math.log(r), y = Math.log(j);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                m++;
            }
        }
        double var = sxx - sx * sx / m;
        return m < 3 || !(var > 0) ? Double.NaN : (sxy - sx * sy / m) / var;
    }
}
