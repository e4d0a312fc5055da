package lid.estimators.diffusion;

import java.util.List;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.BaseEstimator;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;

/**
 * Closed-form-diffusion LID (dgm_geometry CFDM_LID): the data as a mixture of Diracs under a
 * VP-SDE; with tau(t) = 2 (e^{min(B(t), 500)} - 1) and logits_j = -||x - x_j||^2 / tau over all n
 * data points (the query itself included), p = softmax(logits), LID = 2 sum_j p_j (-logits_j).
 * Needs no model. Distances in double, O(n^2 D).
 */
public final class Cfdm extends BaseEstimator {
    public Cfdm() {
        super("cfdm",
                "closed-form diffusion LID on the data as a mixture of Diracs (no model needed)",
                List.of(
                        ParamInfo.real("t", "0.1", "VP-SDE time").range(1e-6, 1.0),
                        ParamInfo.real("bmin", "0.1", "VP beta_min").range(1e-9, null),
                        ParamInfo.real("bmax", "20", "VP beta_max").range(1e-9, null)));
    }

    @Override
    public EstimatorResult estimate(EstimationInput in, Params o) {
        double t = o.real("t"), bmin = o.real("bmin"), bmax = o.real("bmax");
        double bigB = bmin * t + 0.5 * (bmax - bmin) * t * t;
        double tau = 2 * Math.expm1(Math.min(bigB, 500));
        int n = in.n(), d = in.dim(), qn = in.queryCount();
        double[] x = in.data();
        double[] lid = new double[qn];
        in.parallel().forEach(Math.min(qn, 4 * in.threads()), part -> {
            int parts = Math.min(qn, 4 * in.threads());
            int q0 = (int) ((long) qn * part / parts), q1 = (int) ((long) qn * (part + 1) / parts);
            double[] logits = new double[n];
            for (int q = q0; q < q1; q++) {
                int row = in.query(q);
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int c = 0; c < d; c++) {
                        double diff = x[row * d + c] - x[j * d + c];
                        s += diff * diff;
                    }
                    logits[j] = -s / tau;
                    max = Math.max(max, logits[j]);
                }
                double z = 0, acc = 0;
                for (int j = 0; j < n; j++) {
                    double w = Math.exp(logits[j] - max);
                    z += w;
                    acc += w * -logits[j];
                }
                lid[q] = 2 * acc / z;
            }
        });
        return new EstimatorResult(o.spec(), lid, Flipd.mean(lid));
    }
}
