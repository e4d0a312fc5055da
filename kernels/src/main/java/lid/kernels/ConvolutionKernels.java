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
}
