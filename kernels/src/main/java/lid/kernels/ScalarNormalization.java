package lid.kernels;

/** TODO (being written). */
public final class ScalarNormalization {
    private ScalarNormalization() {}

    public static void softmaxRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void softmaxRowsBackward(int rows, int cols, float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void layerNorm(int rows, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void layerNormBackward(int rows, int cols, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void groupNorm(int batch, int channels, int spatial, int groups, float eps, float[] x, int xOff, float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void groupNormBackward(int batch, int channels, int spatial, int groups, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        throw new UnsupportedOperationException("not written yet");
    }
}
