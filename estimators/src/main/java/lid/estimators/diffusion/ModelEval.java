package lid.estimators.diffusion;

import lid.engine.Arena;
import lid.engine.Grad;
import lid.engine.Tensor;
import lid.models.DiffusionModel;

/**
 * Batched, gradient-free evaluations of a diffusion model for the estimators: eps-hat at a set
 * of rows, and eps-hat together with the trace of its Jacobian (exact by forward mode, k = D
 * unit directions in chunks, or Hutchinson probes). Every call runs in its own {@link Arena},
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

    /**
     * eps_hat at the noisy copies y = ax + b eps of rows (ax: [rows, D] already scaled by a(t);
     * eps: one noise vector shared by every row); y is written into the scratch array.
     */
    static float[] epsHatAtNoisy(DiffusionModel m, float[] ax, int rows, float[] eps, double b, double t, float[] y) {
        int d = m.dim();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < d; c++) {
                y[r * d + c] = ax[r * d + c] + (float) b * eps[c];
            }
        }
        return epsHat(m, y, rows, t);
    }

    /** Trace of d eps_hat / d y at each row and the squared norm of eps_hat there. */
    record TraceAndNorm(double[] trace, double[] normSq) {}

    /**
     * probes = 0: exact trace, directions e_0..e_{D-1} pushed {@code chunk} at a time;
     * probes > 0: Hutchinson mean of v^T J v over that many probes (Gaussian or Rademacher),
     * the same probes for every row (from seed, common random numbers).
     */
    static TraceAndNorm traceAndNorm(DiffusionModel m, float[] y, int rows, double t, int probes, boolean rademacher,
                                     long seed, int chunk) {
        int d = m.dim();
        double[] tr = new double[rows];
        double[] nrm = new double[rows];
        int total = probes == 0 ? d : probes;
        boolean first = true;
        for (int from = 0; from < total; from += chunk) {
            int k = Math.min(chunk, total - from);
            float[] dirs = new float[k * rows * d];
            if (probes == 0) {
                for (int j = 0; j < k; j++) {
                    for (int r = 0; r < rows; r++) {
                        dirs[(j * rows + r) * d + from + j] = 1f;
                    }
                }
            } else {
                float[] v = new float[k * d];
                if (rademacher) {
                    lid.engine.Engine.kernels().randomRademacher(seed, 7, (long) from * d, k * d, v, 0);
                } else {
                    lid.engine.Engine.kernels().randomNormal(seed, 7, (long) from * d, k * d, v, 0);
                }
                for (int j = 0; j < k; j++) {
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(v, j * d, dirs, (j * rows + r) * d, d);
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
                        if (probes == 0) {
                            tr[r] += jv[base + from + j];
                        } else {
                            double q = 0;
                            for (int c = 0; c < d; c++) {
                                q += (double) dirs[base + c] * jv[base + c];
                            }
                            tr[r] += q / probes;
                        }
                    }
                }
            }
        }
        return new TraceAndNorm(tr, nrm);
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
