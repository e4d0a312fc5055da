package lid.estimators.classical;

import java.util.Arrays;
import java.util.List;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.BaseEstimator;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.knn.BruteForceKnn;
import lid.estimators.knn.KnnGraph;

/**
 * TwoNN (Facco et al. 2017; skdim {@code TwoNN}): mu_i = R_2 / R_1; the ascending mu with the
 * largest fraction f discarded are fitted by a line through the origin,
 * d = sum x_i y_i / sum x_i^2 with x_i = ln mu_(i), y_i = -ln(1 - F_i), F_i = i / N.
 * Global on the data; pointwise by fitting each query's neighbourhood.
 *
 * <p>Deviations: points with R_1 = 0 (duplicates: mu undefined) are left out of the fit, N
 * counting only the rest ({@code skdim=true} keeps them, which makes the estimate NaN or 0).
 * {@code legacy_cdf=true} uses F_i = (i - 1) / N, the off-by-one skdim's own test values were
 * computed with (fixed upstream in commit 702f4df).
 */
public final class TwoNn extends BaseEstimator {
    public TwoNn() {
        super("twonn",
                "two nearest neighbours ratio fit (Facco et al. 2017; skdim TwoNN)",
                List.of(
                        ParamInfo.real("discard_fraction", "0.1", "fraction of the largest ratios discarded").range(0.0, 1.0),
                        ParamInfo.flag("legacy_cdf", "false", "F_i = (i-1)/N (skdim's test-suite values) instead of i/N"),
                        Local.pw(), Local.nbhd(), Local.skdimFlag()));
    }

    @Override
    public int neighbours(Params o) {
        return Local.patchNeighbours(o);
    }

    @Override
    public EstimatorResult estimate(EstimationInput in, Params o) {
        double f = o.real("discard_fraction");
        boolean legacy = o.flag("legacy_cdf");
        boolean skdim = o.skdim();
        KnnGraph all = in.knnAll(2);
        double[] mu = new double[in.n()];
        for (int i = 0; i < in.n(); i++) {
            mu[i] = all.distance(i, 1) / all.distance(i, 0);
        }
        double global = fit(mu, f, legacy, skdim);
        double[] pw = Local.onPatches(in, o, 0, "", (p, m) -> onPoints(p, m, in.dim(), f, legacy, skdim));
        return new EstimatorResult(o.spec(), pw, global);
    }

    /** TwoNN of m points [m, dim]. */
    static double onPoints(double[] x, int m, int dim, double f, boolean legacy, boolean skdim) {
        if (m < 3) {
            return Double.NaN;
        }
        KnnGraph g = BruteForceKnn.compute(x, m, dim, 2);
        double[] mu = new double[m];
        for (int i = 0; i < m; i++) {
            mu[i] = g.distance(i, 1) / g.distance(i, 0);
        }
        return fit(mu, f, legacy, skdim);
    }

    /** The least-squares slope through the origin of -ln(1 - F) against ln mu. */
    static double fit(double[] mu, double f, boolean legacy, boolean skdim) {
        double[] s = mu.clone();
        int n = s.length;
        if (!skdim) {
            int m = 0;
            for (double v : mu) {
                if (Double.isFinite(v)) {
                    s[m++] = v;
                }
            }
            n = m;
        }
        Arrays.sort(s, 0, n);
        int keep = (int) (n * (1 - f));
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < keep; i++) {
            double x = Math.log(s[i]);
            double fi = (legacy ? i : i + 1) / (double) n;
            double y = -Math.log(1 - fi);
            sxy += x * y;
            sxx += x * x;
        }
        return sxy / sxx;
    }
}
