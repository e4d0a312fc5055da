package lid.estimators.diffusion;

import lid.estimators.EstimationInput;
import lid.models.DiffusionModel;
import lid.models.noise.NoiseProcess;

/**
 * The error vectors e_i = eps_hat(a x + b eps_i, t) - eps_i of the m shared noise draws, batch by
 * batch over the query points: what DSM-LID (their squared norms) and the error bundle (their
 * Gram spectrum) are both made of.
 */
final class ErrorVectors {
    private ErrorVectors() {}

    /** Receives errors[r][i][c] for query points from .. from + rows. */
    @FunctionalInterface
    interface Batch {
        void accept(int from, int rows, double[][][] errors);
    }

    static void forEachBatch(EstimationInput in, DiffusionModel model, double t, int m, boolean ortho, int batch,
                             Batch sink) {
        NoiseProcess p = model.process();
        int d = in.dim(), n = in.queryCount();
        float[][] eps = NoiseDraws.draws(in.seed(), m, d, ortho);
        double a = p.a(t), b = p.b(t);
        for (int from = 0; from < n; from += batch) {
            int rows = Math.min(batch, n - from);
            float[] ax = ModelEval.scaledRows(in, from, rows, a);
            float[] y = new float[rows * d];
            double[][][] errors = new double[rows][m][d];
            for (int i = 0; i < m; i++) {
                float[] e = ModelEval.epsHatAtNoisy(model, ax, rows, eps[i], b, t, y);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < d; c++) {
                        errors[r][i][c] = e[r * d + c] - eps[i][c];
                    }
                }
            }
            sink.accept(from, rows, errors);
        }
    }
}
