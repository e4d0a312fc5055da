package lid.kernels;

/** TODO (being written). */
public final class ScalarConvolution {
    private ScalarConvolution() {}

    public static void im2col(int channels, int height, int width, int kh, int kw, int strideH, int strideW, int padH, int padW, float[] image, int imOff, float[] col, int colOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void col2im(int channels, int height, int width, int kh, int kw, int strideH, int strideW, int padH, int padW, float[] col, int colOff, float[] image, int imOff) {
        throw new UnsupportedOperationException("not written yet");
    }
}
