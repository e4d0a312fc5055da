package lid.estimators.diffusion;

import lid.estimators.EstimationInput;
import lid.kernels.RandomKeys;
import lid.models.DiffusionModel;
import lid.models.PointDraws;
import lid.models.noise.NoiseProcess;

/**
 * The error vectors e_i = eps_hat(a x + b eps_i, t) - eps_i of m noise draws per point, batch by
 * batch over the query points: what DSM-LID (their squared norms) and the error bundle (their
 * Gram spectrum) are both made of. Point x's draws are its own ({@link PointDraws}, keyed by the
 * estimator seed and x's index in the data set) or, under draws=shared, the same for every point.
 * The points x draws of a batch go through the network together, at most {@value #PASS_ROWS}
 * rows per pass; a row's result does not depend on its pass, so neither does any estimate.
 */
final class ErrorVectors {
    private ErrorVectors() {}

    /** Noisy rows per forward pass. */
    static final int PASS_ROWS = 2048;

    /** Receives errors[r][i][c] for query points from .. from + rows. */
    @FunctionalInterface
    interface Batch {
        void accept(int from, int rows, double[][][] errors);
    }

    /**
     * Fails up front, naming the option, when the noisy rows of one batch (as float input, float
     * noise and double errors) plus the estimator's artifact cannot fit in memory.
     */
    static void checkMemory(int n, int m, int d, int batch, double artifactBytes, String option) {
        long rows = (long) Math.min(batch, n) * m;
        String what = String.format(java.util.Locale.ROOT, "%s noise draws per point (%,d noisy points of R^%d per batch of %d)",
                option, rows, d, Math.min(batch, n));
        lid.kernels.MemoryCheck.require(rows * d * 16.0 + artifactBytes, what);
        lid.kernels.MemoryCheck.arrayLength(rows * d, what);
    }

    static void forEachBatch(EstimationInput in, DiffusionModel model, double t, int m, boolean ortho,
                             PointDraws.Mode mode, int batch, Batch sink) {
        NoiseProcess p = model.process();
        int d = in.dim(), n = in.queryCount();
        NoiseDraws.checkOrtho(ortho, m, d);
        checkMemory(n, m, d, batch, 0, "m=" + m);
        PointDraws draws = PointDraws.of(in.seed(), RandomKeys.Purpose.ESTIMATOR_NOISE, mode, in.queries());
        double a = p.a(t), b = p.b(t);
        float fb = (float) b;
        float[] shared = mode == PointDraws.Mode.SHARED ? NoiseDraws.draws(draws, 0, m, d, ortho) : null;
        for (int from = 0; from < n; from += batch) {
            int rows = Math.min(batch, n - from);
            float[] ax = ModelEval.scaledRows(in, from, rows, a);
            float[][] eps = new float[rows][];
            float[] y = new float[rows * m * d];
            for (int r = 0; r < rows; r++) {
                eps[r] = shared != null ? shared : NoiseDraws.draws(draws, from + r, m, d, ortho);
                for (int i = 0; i < m; i++) {
                    int row = (r * m + i) * d;
                    for (int c = 0; c < d; c++) {
                        y[row + c] = ax[r * d + c] + fb * eps[r][i * d + c];
                    }
                }
            }
            float[] e = ModelEval.epsHatInPasses(model, y, rows * m, t, PASS_ROWS);
            double[][][] errors = new double[rows][m][d];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < m; i++) {
                    int row = (r * m + i) * d;
                    for (int c = 0; c < d; c++) {
                        errors[r][i][c] = e[row + c] - eps[r][i * d + c];
                    }
                }
            }
            sink.accept(from, rows, errors);
        }
    }
}
