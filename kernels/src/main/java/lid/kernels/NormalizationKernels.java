package lid.kernels;

/**
 * Softmax, layer norm and group norm, forward and backward.
 *
 * <p>One family of the {@link Kernels} primitive set: the scalar reference, the Vector API and the
 * OpenCL backend each implement it directly (conventions: {@link Kernels}; the arrays a method
 * writes are marked {@link Out}).
 */
public interface NormalizationKernels {
    /** out[i,:] = softmax(x[i,:]) over rows of x [rows,cols] (max-subtracted); in place allowed. */
    void softmaxRows(int rows, int cols, float[] x, int xOff, @Out float[] out, int outOff);

    /** gradIn[i,j] = y[i,j] * (gradOut[i,j] - sum_k gradOut[i,k] y[i,k]), y the softmax output. */
    void softmaxRowsBackward(int rows, int cols, float[] y, int yOff, float[] gradOut, int gOff,
                             @Out float[] gradIn, int giOff);

    /**
     * Layer norm over the last axis of x [rows,cols]:
     * out = (x - mean) * rstd * gamma + beta, rstd = 1/sqrt(var + eps) (biased variance).
     * gamma, beta (length cols) may be null (no affine). mean, rstd (length rows) receive the
     * statistics the backward pass needs.
     */
    void layerNorm(int rows, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta,
                   @Out float[] out, int outOff, @Out float[] mean, @Out float[] rstd);

    /**
     * Backward of {@link #layerNorm}: writes gradX; adds into gradGamma and gradBeta (length
     * cols) when they are not null. gamma may be null (treated as ones).
     */
    void layerNormBackward(int rows, int cols, float[] x, int xOff, float[] gamma,
                           float[] mean, float[] rstd, float[] gradOut, int gOff,
                           @Out float[] gradX, int gxOff, @Out float[] gradGamma, @Out float[] gradBeta);

    /**
     * Group norm of x [batch, channels, spatial] (NCHW with spatial = H*W): channels split into
     * {@code groups} contiguous groups, statistics per (sample, group) over channels/groups *
     * spatial values; gamma, beta per channel (may be null); mean, rstd: [batch*groups].
     */
    void groupNorm(int batch, int channels, int spatial, int groups, float eps,
                   float[] x, int xOff, float[] gamma, float[] beta,
                   @Out float[] out, int outOff, @Out float[] mean, @Out float[] rstd);

    /** Backward of {@link #groupNorm}: writes gradX; adds into gradGamma, gradBeta (per channel) when not null. */
    void groupNormBackward(int batch, int channels, int spatial, int groups,
                           float[] x, int xOff, float[] gamma, float[] mean, float[] rstd,
                           float[] gradOut, int gOff, @Out float[] gradX, int gxOff,
                           @Out float[] gradGamma, @Out float[] gradBeta);

    /** Argument checks of this family, shared by every backend (each calls them first). */
    final class Checks {
        private Checks() {}

        public static void softmax(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
            long size = size(rows, cols);
            Check.vector("x", x, xOff, size);
            Check.vector("out", out, outOff, size);
        }

        public static void softmaxBackward(int rows, int cols, float[] y, int yOff, float[] gradOut, int gOff,
                                    float[] gradIn, int giOff) {
            long size = size(rows, cols);
            Check.vector("y", y, yOff, size);
            Check.vector("gradOut", gradOut, gOff, size);
            Check.vector("gradIn", gradIn, giOff, size);
        }

        public static void layerNorm(int rows, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta,
                              float[] out, int outOff, float[] mean, float[] rstd) {
            long size = size(rows, cols);
            eps(eps);
            Check.vector("x", x, xOff, size);
            optional("gamma", gamma, cols);
            optional("beta", beta, cols);
            Check.vector("out", out, outOff, size);
            Check.vector("mean", mean, 0, rows);
            Check.vector("rstd", rstd, 0, rows);
        }

        public static void layerNormBackward(int rows, int cols, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd,
                                      float[] gradOut, int gOff, float[] gradX, int gxOff,
                                      float[] gradGamma, float[] gradBeta) {
            long size = size(rows, cols);
            Check.vector("x", x, xOff, size);
            optional("gamma", gamma, cols);
            Check.vector("mean", mean, 0, rows);
            Check.vector("rstd", rstd, 0, rows);
            Check.vector("gradOut", gradOut, gOff, size);
            Check.vector("gradX", gradX, gxOff, size);
            optional("gradGamma", gradGamma, cols);
            optional("gradBeta", gradBeta, cols);
        }

        public static void groupNorm(int batch, int channels, int spatial, int groups, float eps, float[] x, int xOff,
                              float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
            long size = groupShape(batch, channels, spatial, groups);
            eps(eps);
            Check.vector("x", x, xOff, size);
            optional("gamma", gamma, channels);
            optional("beta", beta, channels);
            Check.vector("out", out, outOff, size);
            Check.vector("mean", mean, 0, (long) batch * groups);
            Check.vector("rstd", rstd, 0, (long) batch * groups);
        }

        public static void groupNormBackward(int batch, int channels, int spatial, int groups, float[] x, int xOff,
                                      float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff,
                                      float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
            long size = groupShape(batch, channels, spatial, groups);
            Check.vector("x", x, xOff, size);
            optional("gamma", gamma, channels);
            Check.vector("mean", mean, 0, (long) batch * groups);
            Check.vector("rstd", rstd, 0, (long) batch * groups);
            Check.vector("gradOut", gradOut, gOff, size);
            Check.vector("gradX", gradX, gxOff, size);
            optional("gradGamma", gradGamma, channels);
            optional("gradBeta", gradBeta, channels);
        }

        private static long size(int rows, int cols) {
            Check.nonNegative("rows", rows);
            Check.nonNegative("cols", cols);
            return (long) rows * cols;
        }

        private static long groupShape(int batch, int channels, int spatial, int groups) {
            Check.nonNegative("batch", batch);
            Check.nonNegative("channels", channels);
            Check.nonNegative("spatial", spatial);
            Check.positive("groups", groups);
            if (channels % groups != 0) {
                throw new IllegalArgumentException("groups must divide channels: " + channels + " channels in "
                        + groups + " groups");
            }
            return (long) batch * channels * spatial;
        }

        private static void eps(float eps) {
            if (!(eps >= 0f) || eps == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
            }
        }

        /** An array that may be null; when present it holds at least length floats from index 0. */
        private static void optional(String name, float[] array, long length) {
            if (array != null) {
                Check.vector(name, array, 0, length);
            }
        }
    }
}
