package lid.estimators.diffusion;

import lid.engine.Arena;
import lid.engine.Grad;
import lid.engine.Tensor;
import lid.models.DiffusionModel;
import lid.models.PointDraws;

/**
 * Batched, gradient-free evaluations of a diffusion model for the estimators: eps-hat at a set
 * of rows, and eps-hat together with the trace of its Jacobian (exact by forward mode, k = D
 * unit directions in chunks, or Hutchinson probes drawn per point). Every call runs in its own {@link Arena},
 * so the memory meter sees what one batch needs and nothing leaks.
 */
final class ModelEval {
    private ModelEval() {}

    /** eps_hat(y, t) for y [rows, D] (float, row-major); returns [rows, D]. */
    static float[] epsHat(DiffusionModel m, float[] y, int rows, double t) {
        int d = m.dim();
        try (Grad.Scope off = Grad.off(); Arena a = Arena.open()) {
            Tensor out = m.epsHat(Tensor.wrap(y, rows, d), DiffusionModel.times(rows, t));
            float[] r = out.toArray();
            return r;
        }
    }

    /** eps_hat(y, t) for y [rows, D], at most {@code passRows} rows per forward pass; returns [rows, D]. */
    static float[] epsHatInPasses(DiffusionModel m, float[] y, int rows, double t, int passRows) {
        int d = m.dim();
        if (rows <= passRows) {
            return epsHat(m, y, rows, t);
        }
        float[] out = new float[rows * d];
        for (int from = 0; from < rows; from += passRows) {
            int k = Math.min(passRows, rows - from);
            float[] part = java.util.Arrays.copyOfRange(y, from * d, (from + k) * d);
            System.arraycopy(epsHat(m, part, k, t), 0, out, from * d, k * d);
        }
        return out;
    }

    /**
     * Trace of d eps_hat / d y at each row, its Monte-Carlo standard error (0 for the exact
     * trace, std(v^T J v) / sqrt(probes) for Hutchinson) and the squared norm of eps_hat there.
     */
    record TraceAndNorm(double[] trace, double[] traceSe, double[] normSq) {}

    /**
     * probes = null: exact trace, directions e_0..e_{D-1} pushed {@code chunk} at a time;
     * otherwise Hutchinson: the mean of v^T J v over {@code count} probes per row, row r's probes
     * from its own stream of {@code probes} (Gaussian or Rademacher).
     */
    static TraceAndNorm traceAndNorm(DiffusionModel m, float[] y, int rows, double t, PointDraws probes, int count,
                                     boolean rademacher, int chunk) {
        int d = m.dim();
        double[] tr = new double[rows];
        double[] sumSq = new double[rows];
        double[] nrm = new double[rows];
        boolean exact = probes == null;
        int total = exact ? d : count;
        boolean first = true;
        for (int from = 0; from < total; from += chunk) {
            int k = Math.min(chunk, total - from);
            float[] dirs = new float[k * rows * d];
            for (int j = 0; j < k; j++) {
                for (int r = 0; r < rows; r++) {
                    int at = (j * rows + r) * d;
                    if (exact) {
                        dirs[at + from + j] = 1f;
                    } else if (rademacher) {
                        probes.rademacher(r, from + j, d, dirs, at);
                    } else {
                        probes.normal(r, from + j, d, dirs, at);
                    }
                }
            }
            try (Grad.Scope off = Grad.off(); Arena a = Arena.open()) {
                Tensor x = Tensor.wrap(y, rows, d).withTangent(Tensor.wrap(dirs, k, rows, d));
                Tensor out = m.epsHat(x, DiffusionModel.times(rows, t));
                float[] jv = out.tangent().toArray();
                if (first) {
                    float[] e = out.toArray();
                    for (int r = 0; r < rows; r++) {
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            s += (double) e[r * d + c] * e[r * d + c];
                        }
                        nrm[r] = s;
                    }
                    first = false;
                }
                for (int j = 0; j < k; j++) {
                    for (int r = 0; r < rows; r++) {
                        int base = (j * rows + r) * d;
                        if (exact) {
                            tr[r] += jv[base + from + j];
                        } else {
                            double q = 0;
                            for (int c = 0; c < d; c++) {
                                q += (double) dirs[base + c] * jv[base + c];
                            }
                            tr[r] += q;
                            sumSq[r] += q * q;
                        }
                    }
                }
            }
        }
        double[] se = new double[rows];
        if (!exact) {
            for (int r = 0; r < rows; r++) {
                double mean = tr[r] / count;
                double var = count > 1 ? Math.max(0, (sumSq[r] - count * mean * mean) / (count - 1)) : Double.NaN;
                tr[r] = mean;
                se[r] = Math.sqrt(var / count);
            }
        }
        return new TraceAndNorm(tr, se, nrm);
    }

    /** The query rows of the input scaled by s, as float [count, D]. */
    static float[] scaledRows(lid.estimators.EstimationInput in, int from, int count, double s) {
        int d = in.dim();
        float[] y = new float[count * d];
        double[] x = in.data();
        for (int r = 0; r < count; r++) {
            int row = in.query(from + r);
            for (int c = 0; c < d; c++) {
                y[r * d + c] = (float) (s * x[row * d + c]);
            }
        }
        return y;
    }
}
