package lid.kernels;

/** Argument checks of softmax, layer norm and group norm, shared by every backend. */
public final class NormalizationChecks {
    private NormalizationChecks() {}

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
