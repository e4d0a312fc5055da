package lid.estimators.diffusion;

import java.util.List;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.BaseEstimator;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.models.DiffusionModel;
import lid.models.noise.VpSde;

/**
 * FP-regress (FLIPD's ablation, math.md 4.7): for noise stds delta (default geomspace(0.01, 0.1,
 * 8)) map each to t with B(t) = log(delta^2 + 1); starting at the largest t with log rho = 0,
 * Euler steps back in time log rho(t_i) = log rho(t_{i+1}) - dt beta(t_{i+1})/2 [tr grad s + ||s||^2]
 * (at psi x); LID = D + the least-squares slope of log rho against log delta. VP-SDE models only.
 */
public final class FpRegress extends BaseEstimator {
    public FpRegress() {
        super("fpregress",
                "FP-regress: Fokker-Planck log-density path over noise levels, LID = D + regression slope (VP-SDE)", true,
                List.of(
                        ParamInfo.real("dmin", "0.01", "smallest noise std delta").range(1e-4, null),
                        ParamInfo.real("dmax", "0.1", "largest noise std delta").range(1e-4, null),
                        ParamInfo.integer("deltas", "8", "number of geometric delta steps").range(2.0, null),
                        ParamInfo.integer("probes", "0", "Hutchinson probes (0 = exact trace)").range(0.0, null),
                        ParamInfo.choice("probe", "rademacher", "Hutchinson probe distribution", "rademacher", "gaussian"),
                        Flipd.draws("Hutchinson probes"),
                        ParamInfo.integer("batch", "64", "points per pass").range(1.0, null),
                        ParamInfo.integer("chunk", "128", "tangent directions per forward-mode pass").range(1.0, null)));
    }

    @Override
    public EstimatorResult estimate(EstimationInput in, Params o) {
        DiffusionModel model = ModelHandle.require(in, name());
        if (!(model.process() instanceof VpSde vp)) {
            throw new IllegalArgumentException("fpregress needs a VP-SDE model (its beta(t)); this model uses "
                    + model.process().name());
        }
        int m = o.integer("deltas");
        double dmin = o.real("dmin"), dmax = o.real("dmax");
        if (!(dmax > dmin)) {
            throw new IllegalArgumentException("fpregress needs dmax > dmin, got " + dmin + ", " + dmax);
        }
        double[] delta = new double[m], t = new double[m];
        for (int j = 0; j < m; j++) {
            delta[j] = dmin * Math.pow(dmax / dmin, (double) j / (m - 1));
            t[j] = timeOfDelta(vp, delta[j]);
        }
        int n = in.queryCount(), d = in.dim();
        TraceArtifact[] arts = new TraceArtifact[m];
        for (int j = 0; j < m; j++) {
            arts[j] = Flipd.artifact(in, model, t[j], o);
        }
        double[] lid = new double[n];
        double[] logRho = new double[m];
        for (int q = 0; q < n; q++) {
            logRho[m - 1] = 0;
            for (int j = m - 2; j >= 0; j--) {
                TraceArtifact at = arts[j + 1];
                double b = at.b();
                // tr grad s + ||s||^2 with s = -eps_hat / b
                double bracket = -at.trace()[q] / b + at.normSq()[q] / (b * b);
                logRho[j] = logRho[j + 1] - (t[j + 1] - t[j]) * 0.5 * vp.beta(t[j + 1]) * bracket;
            }
            lid[q] = d + slope(delta, logRho);
        }
        return new EstimatorResult(o.spec(), lid, Flipd.mean(lid));
    }

    /** t with B(t) = log(delta^2 + 1): the positive root of the quadratic, clipped to [0, 1]. */
    static double timeOfDelta(VpSde vp, double delta) {
        double target = Math.log(delta * delta + 1);
        double qa = 0.5 * (vp.betaMax() - vp.betaMin()), qb = vp.betaMin();
        double root = (-qb + Math.sqrt(qb * qb + 4 * qa * target)) / (2 * qa);
        return Math.min(1, Math.max(0, root));
    }

    /** Least-squares slope of y against log x. */
    static double slope(double[] x, double[] y) {
        int m = x.length;
        double mx = 0, my = 0;
        for (int j = 0; j < m; j++) {
            mx += Math.log(x[j]) / m;
            my += y[j] / m;
        }
        double num = 0, den = 0;
        for (int j = 0; j < m; j++) {
            double lx = Math.log(x[j]) - mx;
            num += lx * (y[j] - my);
            den += lx * lx;
        }
        return num / den;
    }
}
