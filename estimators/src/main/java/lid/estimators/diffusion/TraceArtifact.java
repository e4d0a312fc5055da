package lid.estimators.diffusion;

import lid.estimators.EstimationInput;
import lid.kernels.RandomKeys;
import lid.models.DiffusionModel;
import lid.models.PointDraws;
import lid.models.noise.NoiseProcess;

/**
 * The expensive part shared by FLIPD, ISM-LID and FP-regress: at time t, for each query point x,
 * tr(d eps_hat / d y) with its Monte-Carlo standard error and ||eps_hat||^2 at y = a(t) x (exact
 * trace by forward mode, or Hutchinson probes from the point's own stream, or shared by every
 * point under draws=shared), plus a(t), b(t).
 */
record TraceArtifact(double t, double a, double b, double[] trace, double[] traceSe, double[] normSq) {

    static TraceAndProbes settings(int probes, boolean rademacher, PointDraws.Mode mode) {
        return new TraceAndProbes(probes, rademacher, mode);
    }

    /** How the trace is computed: probes = 0 is exact. */
    record TraceAndProbes(int probes, boolean rademacher, PointDraws.Mode mode) {}

    static TraceArtifact compute(EstimationInput in, DiffusionModel model, double t, TraceAndProbes how, int batch,
                                 int chunk) {
        NoiseProcess p = model.process();
        double a = p.a(t), b = p.b(t);
        int n = in.queryCount();
        PointDraws all = how.probes() == 0 ? null
                : PointDraws.of(in.seed(), RandomKeys.Purpose.ESTIMATOR_PROBES, how.mode(), in.queries());
        double[] tr = new double[n], se = new double[n], nrm = new double[n];
        for (int from = 0; from < n; from += batch) {
            int rows = Math.min(batch, n - from);
            float[] y = ModelEval.scaledRows(in, from, rows, a);
            ModelEval.TraceAndNorm r = ModelEval.traceAndNorm(model, y, rows, t, all == null ? null : all.slice(from, rows),
                    how.probes(), how.rademacher(), chunk);
            System.arraycopy(r.trace(), 0, tr, from, rows);
            System.arraycopy(r.traceSe(), 0, se, from, rows);
            System.arraycopy(r.normSq(), 0, nrm, from, rows);
        }
        return new TraceArtifact(t, a, b, tr, se, nrm);
    }

    /** FLIPD in eps units: D - b tr + ||eps_hat||^2 (math.md 4.4). */
    double flipd(int q, int dim) {
        return dim - b * trace[q] + normSq[q];
    }

    /** ISM-LID: D - b tr + ||eps_hat||^2 / 2 (math.md 4.3). */
    double ism(int q, int dim) {
        return dim - b * trace[q] + 0.5 * normSq[q];
    }

    /** Monte-Carlo standard error of FLIPD and ISM-LID at point q (only the trace is estimated): b se(tr). */
    double se(int q) {
        return b * traceSe[q];
    }
}
