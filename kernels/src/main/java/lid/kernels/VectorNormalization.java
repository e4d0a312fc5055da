package lid.kernels;

/** TODO (being written). */
public final class VectorNormalization {
    private VectorNormalization() {}

    public static void softmaxRows(Parallel par, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void softmaxRowsBackward(Parallel par, int rows, int cols, float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void layerNorm(Parallel par, int rows, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void layerNormBackward(Parallel par, int rows, int cols, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void groupNorm(Parallel par, int batch, int channels, int spatial, int groups, float eps, float[] x, int xOff, float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void groupNormBackward(Parallel par, int batch, int channels, int spatial, int groups, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        throw new UnsupportedOperationException("not written yet");
    }
}
