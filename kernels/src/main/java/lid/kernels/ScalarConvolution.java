package lid.kernels;

/**
 * Reference im2col / col2im with zero padding. image: [channels, height, width] row-major;
 * col: [channels*kh*kw, outH*outW] row-major, row (c*kh + ki)*kw + kj, column oh*outW + ow,
 * holding image[c, oh*strideH - padH + ki, ow*strideW - padW + kj] (0 outside the image);
 * outH = (height + 2*padH - kh) / strideH + 1, likewise outW. col2im is the adjoint: it adds
 * every col entry into the image position it came from (image is not cleared first), in the
 * loop order c, ki, kj, oh, ow.
 */
public final class ScalarConvolution implements ConvolutionKernels {
    /** The reference (stateless, single-threaded). */
    public static final ScalarConvolution INSTANCE = new ScalarConvolution();
    private ScalarConvolution() {}

    @Override
    public void im2col(int channels, int height, int width, int kh, int kw, int strideH, int strideW, int padH, int padW, float[] image, int imOff, float[] col, int colOff) {
        ConvolutionKernels.Checks.check(channels, height, width, kh, kw, strideH, strideW, padH, padW, image, imOff, col, colOff);
        int outH = ConvolutionKernels.Checks.outSize(height, kh, strideH, padH);
        int outW = ConvolutionKernels.Checks.outSize(width, kw, strideW, padW);
        for (int c = 0; c < channels; c++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    int row = colOff + ((c * kh + ki) * kw + kj) * outH * outW;
                    for (int oh = 0; oh < outH; oh++) {
                        int ih = oh * strideH - padH + ki;
                        for (int ow = 0; ow < outW; ow++) {
                            int iw = ow * strideW - padW + kj;
                            boolean inside = ih >= 0 && ih < height && iw >= 0 && iw < width;
                            col[row + oh * outW + ow] = inside ? image[imOff + (c * height + ih) * width + iw] : 0f;
                        }
                    }
                }
            }
        }
    }

    @Override
    public void col2im(int channels, int height, int width, int kh, int kw, int strideH, int strideW, int padH, int padW, float[] col, int colOff, float[] image, int imOff) {
        ConvolutionKernels.Checks.check(channels, height, width, kh, kw, strideH, strideW, padH, padW, image, imOff, col, colOff);
        int outH = ConvolutionKernels.Checks.outSize(height, kh, strideH, padH);
        int outW = ConvolutionKernels.Checks.outSize(width, kw, strideW, padW);
        for (int c = 0; c < channels; c++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    int row = colOff + ((c * kh + ki) * kw + kj) * outH * outW;
                    for (int oh = 0; oh < outH; oh++) {
                        int ih = oh * strideH - padH + ki;
                        for (int ow = 0; ow < outW; ow++) {
                            int iw = ow * strideW - padW + kj;
                            if (ih >= 0 && ih < height && iw >= 0 && iw < width) {
                                image[imOff + (c * height + ih) * width + iw] += col[row + oh * outW + ow];
                            }
                        }
                    }
                }
            }
        }
    }
}
