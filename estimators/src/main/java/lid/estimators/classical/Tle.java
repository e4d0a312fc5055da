package lid.estimators.classical;

import java.util.List;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.BaseEstimator;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.knn.ExactDistance;
import lid.estimators.knn.KnnGraph;

/**
 * Tight local intrinsic dimensionality estimator (Amsaleg et al. 2019; skdim {@code TLE}; math.md
 * 5.2): MLE over the k neighbour distances plus the distances implied by every pair of
 * neighbours (S_ij, T_ij), with the boundary cases handled in skdim's order.
 *
 * <p>Deviation: distances d_i < epsilon are dropped from the sum of ln(d_i / r). skdim slices the
 * wrong axis of its 1 x k array and drops all of them as soon as one is below epsilon
 * ({@code skdim=true} does the same); harmless unless a neighbour lies within epsilon.
 */
public final class Tle extends BaseEstimator {
    public Tle() {
        super("tle",
                "tight local ID estimator using neighbour pairs (Amsaleg et al. 2019; skdim TLE)",
                List.of(Local.k("20", "neighbours per point").range(2.0, null),
                        ParamInfo.real("epsilon", "1e-4", "measurements below this are dropped").range(0.0, null),
                        Local.comb("mean"), Local.skdimFlag()));
    }

    @Override
    public int neighbours(Params o) {
        return o.integer("k");
    }

    @Override
    public EstimatorResult estimate(EstimationInput in, Params o) {
        int k = o.integer("k");
        double eps = o.real("epsilon");
        boolean skdim = o.skdim();
        KnnGraph g = in.knn(k);
        double[] pw = Local.perQuery(in, q -> idtle(in.data(), in.dim(), g.neighbours(q), g.distances(q), eps, skdim));
        return new EstimatorResult(o.spec(), pw, Local.combine(pw, o.choice("comb")));
    }

    /** skdim's _idtle for one point: neighbours nn (ascending), their distances d. */
    static double idtle(double[] x, int dim, int[] nn, double[] d, double eps, boolean skdim) {
        int k = d.length;
        double r = d[k - 1];
        if (r == 0) {
            return Double.NaN; // all k neighbours coincide with the point: skdim raises
        }
        double r2 = r * r;
        double s1t = 0;
        double s1s = 0;
        int nV0 = 0;
        int nTS = 0;
        for (int i = 0; i < k; i++) {
            double di = d[i];
            for (int j = 0; j < k; j++) {
                if (i == j) {
                    continue;
                }
                double dj = d[j];
                double v = Math.sqrt(ExactDistance.squared(x, dim, nn[i], nn[j]));
                double v2 = v * v;
                double z2 = 2 * di * di + 2 * dj * dj - v2;
                double s;
                double t;
                if (di == r) {
                    s = r * v2 / (r2 + v2 - dj * dj);
                    t = r * z2 / (r2 + z2 - dj * dj);
                } else {
                    double a = di * di + v2 - dj * dj;
                    s = r * (Math.sqrt(a * a + 4 * v2 * (r2 - di * di)) - a) / (2 * (r2 - di * di));
                    double b = di * di + z2 - dj * dj;
                    t = r * (Math.sqrt(b * b + 4 * z2 * (r2 - di * di)) - b) / (2 * (r2 - di * di));
                }
                if (di == 0) {
                    s = dj;
                    t = dj;
                }
                if (dj == 0) {
                    s = r * v / (r + v);
                    t = s;
                }
                if (v == 0) {
                    // s_ij = 0 carries no information: drop both measurements
                    nV0++;
                    continue;
                }
                if (t < eps || s < eps) {
                    nTS++;
                    continue;
                }
                s1t += Math.log(t / r);
                s1s += Math.log(s / r);
            }
        }
        int nDeps = 0;
        for (double v : d) {
            if (v < eps) {
                nDeps++;
            }
        }
        double s2 = 0;
        if (!(skdim && nDeps > 0)) {
            for (int i = nDeps; i < k; i++) {
                s2 += Math.log(d[i] / r);
            }
        }
        return -2.0 * (k * k - nTS - nDeps - nV0) / (s1t + s1s + 2 * s2);
    }
}
