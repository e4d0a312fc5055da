package lid.estimators.diffusion;

import lid.estimators.EstimationInput;
import lid.models.DiffusionModel;
import lid.models.noise.NoiseProcess;

/**
 * The expensive part shared by FLIPD, ISM-LID and FP-regress: at time t, for each query point x,
 * tr(d eps_hat / d y) and ||eps_hat||^2 at y = a(t) x (exact trace by forward mode or
 * Hutchinson probes), plus a(t), b(t).
 */
record TraceArtifact(double t, double a, double b, double[] trace, double[] normSq) {

    static TraceArtifact compute(EstimationInput in, DiffusionModel model, double t, int probes, boolean rademacher,
                                 int batch, int chunk) {
        NoiseProcess p = model.process();
        double a = p.a(t), b = p.b(t);
        int n = in.queryCount();
        double[] tr = new double[n], nrm = new double[n];
        for (int from = 0; from < n; from += batch) {
            int rows = Math.min(batch, n - from);
            float[] y = ModelEval.scaledRows(in, from, rows, a);
            ModelEval.TraceAndNorm r = ModelEval.traceAndNorm(model, y, rows, t, probes, rademacher, in.seed(), chunk);
            System.arraycopy(r.trace(), 0, tr, from, rows);
            System.arraycopy(r.normSq(), 0, nrm, from, rows);
        }
        return new TraceArtifact(t, a, b, tr, nrm);
    }

    /** FLIPD in eps units: D - b tr + ||eps_hat||^2 (math.md 4.4). */
    double flipd(int q, int dim) {
        return dim - b * trace[q] + normSq[q];
    }

    /** ISM-LID: D - b tr + ||eps_hat||^2 / 2 (math.md 4.3). */
    double ism(int q, int dim) {
        return dim - b * trace[q] + 0.5 * normSq[q];
    }
}
