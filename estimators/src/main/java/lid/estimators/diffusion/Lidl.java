package lid.estimators.diffusion;

import java.util.List;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.BaseEstimator;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.kernels.RandomKeys;
import lid.models.DiffusionModel;
import lid.models.PointDraws;
import lid.models.likelihood.PfOdeLikelihood;
import lid.models.noise.NoiseProcess;

/**
 * LIDL (Tempczyk et al. 2022) on one diffusion model: the density of the data blurred with
 * N(0, delta^2 I) is rho(x, delta) = a^D p_t(a x) at the t where b(t)/a(t) = delta, and
 * log p_t comes from the probability-flow ODE (exact divergence for small D, Hutchinson beyond).
 * LID = D + least-squares slope of log rho against log delta over geomspace(dmin, dmax, deltas).
 * Costly: one ODE solve per point and delta.
 */
public final class Lidl extends BaseEstimator {
    public Lidl() {
        super("lidl",
                "LIDL on the diffusion model's PF-ODE likelihood at several noise levels (slow)", true,
                List.of(
                        ParamInfo.real("dmin", "0.01", "smallest noise std delta").range(1e-4, null),
                        ParamInfo.real("dmax", "0.1", "largest noise std delta").range(1e-4, null),
                        ParamInfo.integer("deltas", "8", "number of geometric delta steps").range(2.0, null),
                        ParamInfo.integer("steps", "100", "Heun steps of each ODE solve").range(2.0, null),
                        ParamInfo.integer("exact_up_to", "64", "exact divergence up to this D, Hutchinson beyond").range(0.0, null),
                        ParamInfo.integer("probes", "16", "Hutchinson probes beyond exact_up_to").range(1.0, null),
                        Flipd.draws("Hutchinson probes"),
                        ParamInfo.integer("batch", "128", "points per ODE solve").range(1.0, null)));
    }

    @Override
    public EstimatorResult estimate(EstimationInput in, Params o) {
        DiffusionModel model = ModelHandle.require(in, name());
        NoiseProcess p = model.process();
        int m = o.integer("deltas"), d = in.dim(), n = in.queryCount();
        double dmin = o.real("dmin"), dmax = o.real("dmax");
        if (!(dmax > dmin)) {
            throw new IllegalArgumentException("lidl needs dmax > dmin, got " + dmin + ", " + dmax);
        }
        double tMax = p.sampleRange()[1];
        double[][] logRho = new double[n][m];
        PointDraws probes = PointDraws.of(in.seed(), RandomKeys.Purpose.ESTIMATOR_PROBES, Flipd.drawsMode(o), in.queries());
        double[] delta = new double[m];
        for (int j = 0; j < m; j++) {
            delta[j] = dmin * Math.pow(dmax / dmin, (double) j / (m - 1));
            double t = timeOfSigma(p, delta[j]);
            double a = p.a(t);
            float[] y = ModelEval.scaledRows(in, 0, n, a);
            double[] ll = PfOdeLikelihood.logLikelihood(model, y, n, new PfOdeLikelihood.Options(o.integer("steps"), t,
                    tMax, o.integer("exact_up_to"), o.integer("probes"), in.seed(), o.integer("batch")), probes);
            for (int q = 0; q < n; q++) {
                logRho[q][j] = d * Math.log(a) + ll[q];
            }
        }
        double[] lid = new double[n];
        for (int q = 0; q < n; q++) {
            lid[q] = d + FpRegress.slope(delta, logRho[q]);
        }
        return new EstimatorResult(o.spec(), lid, Flipd.mean(lid));
    }

    /** The time where b/a = sigma (bisection; b/a increases with t). */
    static double timeOfSigma(NoiseProcess p, double sigma) {
        double lo = 0, hi = 1;
        if (p.sigmaEff(hi) < sigma) {
            throw new IllegalArgumentException("noise level " + sigma + " is beyond the process's range (max "
                    + p.sigmaEff(hi) + ")");
        }
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (p.sigmaEff(mid) < sigma) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
