package lid.estimators.classical;

import java.util.List;
import java.util.TreeSet;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.BaseEstimator;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.knn.KnnGraph;
import lid.estimators.math.Quadpack;

/**
 * Maximum likelihood (Levina and Bickel 2005; skdim {@code MLE}, after Haro et al. 2008):
 * m(x) = (k - 1) / sum_j ln(R_k / R_j) on the k nearest neighbours (k - 2 with unbiased=true);
 * the global value combines the pointwise ones by the harmonic mean (MacKay and Ghahramani,
 * skdim's comb='mle'), or mean / median. Variants: the Levina-Bickel average over a range of k
 * (k1..k2); Haro's Gaussian-noise correction (sigma > 0: the log-distances are replaced by
 * ratios of integrals against the noise density); and the global estimate from the smallest
 * distinct K-NN distances of the whole data (neighborhood_based=false).
 */
public final class Mle extends BaseEstimator {
    public Mle() {
        super("mle",
                "maximum likelihood on kNN distances (Levina-Bickel; Haro noise variant; skdim MLE)",
                List.of(
                        Local.k("20", "neighbours per point").range(2.0, null),
                        ParamInfo.choice("comb", "mle", "global from pointwise: mle = harmonic mean, mean, median",
                                "mle", "mean", "median"),
                        ParamInfo.flag("unbiased", "false", "normalise by k-2 instead of k-1"),
                        ParamInfo.integer("k1", "0", "with k2: average the pointwise estimate over k = k1..k2 (Levina-Bickel)")
                                .range(0.0, null),
                        ParamInfo.integer("k2", "0", "see k1 (0 = off)").range(0.0, null),
                        ParamInfo.real("sigma", "0", "noise standard deviation for Haro's correction (0 = none)").range(0.0, null),
                        ParamInfo.real("quad_tol", "1e-10", "absolute and relative tolerance of the noise integrals")
                                .range(1e-15, 1.0).skdim("1e-2"),
                        ParamInfo.flag("neighborhood_based", "true",
                                "false: one global estimate from the k smallest distinct K-NN distances of all points"),
                        ParamInfo.integer("K", "5", "neighbours per point when neighborhood_based=false").range(1.0, null),
                        Local.skdimFlag()));
    }

    @Override
    public int neighbours(Params o) {
        if (!o.flag("neighborhood_based")) {
            return o.integer("K");
        }
        return o.integer("k2") > 0 ? o.integer("k2") : o.integer("k");
    }

    @Override
    public EstimatorResult estimate(EstimationInput in, Params o) {
        boolean unbiased = o.flag("unbiased");
        double sigma = o.real("sigma");
        double tol = o.real("quad_tol");
        if (!o.flag("neighborhood_based")) {
            KnnGraph g = in.knnAll(o.integer("K"));
            TreeSet<Double> unique = new TreeSet<>();
            for (double d : g.distances()) {
                unique.add(d);
            }
            double[] rs = unique.stream().limit(o.integer("k")).mapToDouble(Double::doubleValue).toArray();
            // distances between points carry the noise of both ends: variance doubles. skdim
            // computes sqrt(2) sigma but then integrates with sigma (its quirk)
            double s = o.skdim() ? sigma : Math.sqrt(2) * sigma;
            return new EstimatorResult(o.spec(), null, fromDistances(rs, rs.length, unbiased, s, tol, o.skdim()));
        }
        int k1 = o.integer("k1");
        int k2 = o.integer("k2");
        if (k2 > 0) {
            if (k1 < 2 || k1 > k2) {
                throw new IllegalArgumentException("estimator '" + o.spec() + "': the k range needs 2 <= k1 <= k2, got k1="
                        + k1 + ", k2=" + k2);
            }
            if (sigma > 0) {
                throw new IllegalArgumentException("estimator '" + o.spec() + "': the k1..k2 average and sigma > 0 do not combine");
            }
        }
        int kk = k2 > 0 ? k2 : o.integer("k");
        boolean skdim = o.skdim();
        KnnGraph g = in.knn(kk);
        double[] pw = Local.perQuery(in, q -> {
            double[] rs = g.distances(q);
            if (k2 == 0) {
                return fromDistances(rs, kk, unbiased, sigma, tol, skdim);
            }
            double s = 0;
            for (int k = k1; k <= k2; k++) {
                s += fromDistances(rs, k, unbiased, 0, tol);
            }
            return s / (k2 - k1 + 1);
        });
        return new EstimatorResult(o.spec(), pw, Local.combine(pw, o.choice("comb")));
    }

    /**
     * The MLE from the first k ascending distances rs[0..k): (k-1) / sum_j ln(R_k / R_j), or
     * with noise sigma > 0 Haro's (k-1) / sum_(j<k) num_j / den_j, num_j = int_0^(R_k + 100 sigma)
     * f(R_j | t) ln(R_k / t) dt, den_j = int f(R_j | t) dt, f the Gaussian density of sd sigma.
     */
    static double fromDistances(double[] rs, int k, boolean unbiased, double sigma, double tol) {
        return fromDistances(rs, k, unbiased, sigma, tol, false);
    }

    /**
     * skdimQuadrature integrates over skdim's whole range [0, R_k + 100 sigma] in one call (at
     * its loose tolerance the answer depends on this); otherwise the integrals run over
     * R_j +- 40 sigma (the density is below e^-800 outside) split at the peak R_j, which stays
     * accurate however small sigma is (one Gauss-Kronrod rule over the whole range can miss a
     * narrow peak entirely and return 0 / 0).
     */
    static double fromDistances(double[] rs, int k, boolean unbiased, double sigma, double tol, boolean skdimQuadrature) {
        double kfac = unbiased ? k - 2 : k - 1;
        double max = rs[0];
        for (int j = 1; j < k; j++) {
            max = Math.max(max, rs[j]);
        }
        double rk = max;
        if (sigma == 0) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += Math.log(rk / rs[j]);
            }
            return kfac / s;
        }
        double upper = rk + 100 * sigma;
        double norm = sigma * Math.sqrt(2 * Math.PI);
        double s = 0;
        for (int j = 0; j < k - 1; j++) {
            double rj = rs[j];
            java.util.function.DoubleUnaryOperator num = t -> density(rj, t, sigma, norm) * Math.log(rk / t);
            java.util.function.DoubleUnaryOperator den = t -> density(rj, t, sigma, norm);
            double a;
            double b;
            if (skdimQuadrature) {
                a = integral(num, 0, upper, tol);
                b = integral(den, 0, upper, tol);
            } else {
                double lo = Math.max(0, rj - 40 * sigma);
                double hi = Math.min(upper, rj + 40 * sigma);
                a = integral(num, lo, rj, tol) + integral(num, rj, hi, tol);
                b = integral(den, lo, rj, tol) + integral(den, rj, hi, tol);
            }
            s += a / b;
        }
        return kfac / s;
    }

    private static double integral(java.util.function.DoubleUnaryOperator f, double a, double b, double tol) {
        return a >= b ? 0 : Quadpack.qags(f, a, b, tol, tol, Quadpack.DEFAULT_LIMIT)[0];
    }

    private static double density(double s, double r, double sigma, double norm) {
        double z = (s - r) / sigma;
        return Math.exp(-0.5 * (z * z)) / norm;
    }
}
