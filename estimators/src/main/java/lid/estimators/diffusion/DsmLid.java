package lid.estimators.diffusion;

import java.util.List;
import java.util.Map;
import lid.estimators.BaseEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.StagedEstimator;
import lid.models.DiffusionModel;
import lid.models.PointDraws;

/**
 * DSM-loss LID (Yeats et al. 2025): LID(x0; t) = (1/m) sum_i ||eps_hat(a x0 + b eps_i, t) - eps_i||^2,
 * squared error summed over the D coordinates. Each point draws its own m noise vectors
 * (draws=point, keyed by --estimator-seed and its index in the data set, so the data-set mean is
 * unbiased and a point's estimate does not depend on the batch or --points) or every point gets
 * the same m (draws=shared, the reference code's protocol). Forward passes only. Artifact: the m
 * per-draw errors of each point; the final step averages them and reports the Monte-Carlo
 * standard error std / sqrt(m) ("se") and the per-draw spread ("draw_std").
 */
public final class DsmLid extends BaseEstimator implements StagedEstimator<double[][]> {
    public DsmLid() {
        super("dsm",
                "DSM-loss LID: mean over m noise draws of ||eps_hat(a x + b eps) - eps||^2 (forward passes only)", true,
                List.of(
                        ParamInfo.real("t", "0.01", "time in the model's noise process").range(1e-6, 1.0),
                        ParamInfo.integer("m", "8", "noise draws per point").range(1.0, null),
                        ParamInfo.flag("ortho", "false", "orthogonalised draws eps_i = sqrt(D) q_i (variance reduction; m <= D)"),
                        Flipd.draws("noise draws"),
                        ParamInfo.integer("batch", "256", "points per forward pass").range(1.0, null)));
    }

    record Key(String name, double t, int m, boolean ortho, PointDraws.Mode draws) {}

    @Override
    public Object artifactKey(Params o) {
        return new Key(name(), o.real("t"), o.integer("m"), o.flag("ortho"), Flipd.drawsMode(o));
    }

    @Override
    public double[][] computeArtifact(EstimationInput in, Params o) {
        DiffusionModel model = ModelHandle.require(in, name());
        int m = o.integer("m");
        ErrorVectors.checkMemory(in.queryCount(), m, in.dim(), o.integer("batch"), 8.0 * in.queryCount() * m, "dsm:m=" + m);
        double[][] err = new double[in.queryCount()][m];
        ErrorVectors.forEachBatch(in, model, o.real("t"), m, o.flag("ortho"), Flipd.drawsMode(o), o.integer("batch"),
                (from, rows, e) -> {
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < m; i++) {
                    double s = 0;
                    for (double v : e[r][i]) {
                        s += v * v;
                    }
                    err[from + r][i] = s;
                }
            }
        });
        return err;
    }

    @Override
    public EstimatorResult finish(EstimationInput in, double[][] err, Params o) {
        int n = err.length;
        double[] lid = new double[n];
        double[] std = new double[n];
        double[] se = new double[n];
        double total = 0;
        for (int q = 0; q < n; q++) {
            double mean = 0;
            for (double v : err[q]) {
                mean += v;
            }
            mean /= err[q].length;
            double var = 0;
            for (double v : err[q]) {
                var += (v - mean) * (v - mean);
            }
            lid[q] = mean;
            std[q] = err[q].length > 1 ? Math.sqrt(var / (err[q].length - 1)) : Double.NaN;
            se[q] = std[q] / Math.sqrt(err[q].length);
            total += mean;
        }
        return new EstimatorResult(o.spec(), lid, total / n, Map.of("draw_std", std, EstimatorResult.SE, se));
    }
}
