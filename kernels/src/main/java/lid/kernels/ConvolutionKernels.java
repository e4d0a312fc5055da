package lid.kernels;

/**
 * Convolution data movement.
 *
 * <p>One family of the {@link Kernels} primitive set: the scalar reference, the Vector API and the
 * OpenCL backend each implement it directly (conventions: {@link Kernels}; the arrays a method
 * writes are marked {@link Out}).
 */
public interface ConvolutionKernels {
    /**
     * image: [channels, height, width]; col: [channels*kh*kw, outH*outW] with
     * outH = (height + 2*padH - kh) / strideH + 1 (likewise outW); zero padding.
     */
    void im2col(int channels, int height, int width, int kh, int kw, int strideH, int strideW,
                int padH, int padW, float[] image, int imOff, @Out float[] col, int colOff);

    /** Adjoint of {@link #im2col}: adds every col entry into the image position it came from. */
    void col2im(int channels, int height, int width, int kh, int kw, int strideH, int strideW,
                int padH, int padW, float[] col, int colOff, @Out float[] image, int imOff);

    /** Argument checks of this family, shared by every backend (each calls them first). */
    final class Checks {
        private Checks() {}

        /** Checks every argument; image and col may be either direction's input or output. */
        public static void check(int channels, int height, int width, int kh, int kw, int strideH, int strideW,
                          int padH, int padW, float[] image, int imOff, float[] col, int colOff) {
            Check.nonNegative("channels", channels);
            Check.nonNegative("height", height);
            Check.nonNegative("width", width);
            Check.positive("kh", kh);
            Check.positive("kw", kw);
            Check.positive("strideH", strideH);
            Check.positive("strideW", strideW);
            Check.nonNegative("padH", padH);
            Check.nonNegative("padW", padW);
            if (height + 2L * padH < kh) {
                throw new IllegalArgumentException("kh " + kh + " is larger than the padded height "
                        + (height + 2L * padH) + " (height " + height + " + 2 * padH " + padH + ")");
            }
            if (width + 2L * padW < kw) {
                throw new IllegalArgumentException("kw " + kw + " is larger than the padded width "
                        + (width + 2L * padW) + " (width " + width + " + 2 * padW " + padW + ")");
            }
            Check.vector("image", image, imOff, (long) channels * height * width);
            long colSize = (long) channels * kh * kw * outSize(height, kh, strideH, padH) * outSize(width, kw, strideW, padW);
            if (colSize > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("col would need " + colSize + " elements, more than an array holds");
            }
            Check.vector("col", col, colOff, colSize);
        }

        /** (size + 2*pad - k) / stride + 1, for size + 2*pad >= k. */
        public static int outSize(int size, int k, int stride, int pad) {
            return (int) ((size + 2L * pad - k) / stride + 1);
        }
    }
}
