package lid.estimators.knn;

import lid.kernels.Kernels;

/**
 * Approximate squared distances between blocks of rows by the GEMM identity
 * |a - b|^2 = |a|^2 + |b|^2 - 2 a.b in float, with a rigorous bracket [lo, hi] around the exact
 * double distance of every pair, so callers decide exactly and recompute in double only the
 * pairs the bracket cannot settle.
 *
 * <p>Layout: the data x is [n, dim] row-major double. It is centred (distances do not change,
 * the norms and so the rounding errors shrink) and scaled by a power of two so its largest
 * centred coordinate lies in [0.5, 1] (no float overflow or subnormals), then cast to float.
 *
 * <p>Error bound: with u = 2^-24, the float GEMM dot product is within dim*u*|a||b| of the
 * true one (any summation order), casting and the norms add a few u*(|a|^2 + |b|^2), so
 * |d~ - d| <= (dim + 12) u (|a|^2 + |b|^2). The bracket uses twice that, (2 dim + 64) u, plus
 * a tiny absolute floor for points very near the mean.
 */
final class DistanceTiles {
    private static final double U = 0x1p-24;

    final int n;
    final int dim;
    /** [n, dim] centred, scaled, float. */
    final float[] xf;
    /** The same transposed, [dim, n]: the GEMM's B operand (untransposed B packs faster). */
    final float[] xfT;
    /** Per point: |x|^2 (1 - c) - floor/2 and |x|^2 (1 + c) + floor/2, in scaled units. */
    final float[] normLo;
    final float[] normHi;
    /** Scaled units: squared distance * scale2 = scaled squared distance. */
    final double scale2;

    DistanceTiles(double[] x, int n, int dim) {
        this.n = n;
        this.dim = dim;
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < dim; t++) {
                mean[t] += x[i * dim + t];
            }
        }
        for (int t = 0; t < dim; t++) {
            mean[t] /= n;
        }
        double maxAbs = 0;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < dim; t++) {
                maxAbs = Math.max(maxAbs, Math.abs(x[i * dim + t] - mean[t]));
            }
        }
        // a power of two keeps the scaling exact
        double scale = maxAbs > 0 ? Math.scalb(1.0, -Math.getExponent(maxAbs) - 1) : 1.0;
        this.scale2 = scale * scale;
        double c = (2.0 * dim + 64) * U;
        double floor = dim * 0x1p-100;
        xf = new float[n * dim];
        xfT = new float[n * dim];
        normLo = new float[n];
        normHi = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int t = 0; t < dim; t++) {
                float v = (float) ((x[i * dim + t] - mean[t]) * scale);
                xf[i * dim + t] = v;
                xfT[t * n + i] = v;
                s += (double) v * v;
            }
            normLo[i] = (float) (s * (1 - c) - floor / 2);
            normHi[i] = (float) (s * (1 + c) + floor / 2);
        }
    }

    /**
     * out[r, j] = -2 a_r . x_(c0 + j) for r < rows, j < cols (row stride cols), where a is
     * [rows, dim] float (rows of xf gathered by the caller). Then lo = out + normLo[i] +
     * normLo[c0 + j] and hi likewise bracket the scaled squared distance.
     */
    void dots(Kernels kernels, float[] a, int rows, int c0, int cols, float[] out) {
        kernels.gemm().sgemm(false, false, rows, cols, dim, -2f, a, 0, dim, xfT, c0, n, 0f, out, 0, cols);
    }

    /** Copies the float rows of the given points into a [rows, dim] buffer. */
    void gather(int[] points, int from, int rows, float[] a) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(xf, points[from + r] * dim, a, r * dim, dim);
        }
    }

    /** Copies rows [from, from + rows) into a [rows, dim] buffer. */
    void gatherRange(int from, int rows, float[] a) {
        System.arraycopy(xf, from * dim, a, 0, rows * dim);
    }
}
