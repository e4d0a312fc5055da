package lid.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * im2col / col2im for the Vector API backend. Layout as in {@link ScalarConvolution}: image
 * [channels, height, width], col [channels*kh*kw, outH*outW], zero padding.
 *
 * <p>im2col is data movement: with strideW = 1 each (col row, oh) segment is one
 * {@link System#arraycopy} between two runs of padding zeros; larger strides gather element by
 * element. Col rows are split over the threads. col2im splits channels over the threads (an
 * image plane is written by one part) and adds in the scalar loop order c, ki, kj, oh, ow, with
 * the ow run vectorised when strideW = 1 (each image element gets at most one addend per
 * (ki, kj, oh)), so both directions are bit-identical to the scalar reference.
 */
public final class VectorConvolution extends VectorFamily implements ConvolutionKernels {
    /** This family on the given threads. */
    public VectorConvolution(Parallel par) {
        super(par);
    }

    @Override
    public void im2col(int channels, int height, int width, int kh, int kw, int strideH, int strideW, int padH, int padW, float[] image, int imOff, float[] col, int colOff) {
        ConvolutionKernels.Checks.check(channels, height, width, kh, kw, strideH, strideW, padH, padW, image, imOff, col, colOff);
        int outH = ConvolutionKernels.Checks.outSize(height, kh, strideH, padH);
        int outW = ConvolutionKernels.Checks.outSize(width, kw, strideW, padW);
        int rows = channels * kh * kw;
        int per = Split.rowsPerPart(outH * outW);
        int parts = Split.parts(rows, per);
        if (!Split.parallel(par, parts)) {
            im2colRows(0, rows, height, width, kh, kw, strideH, strideW, padH, padW, outH, outW, image, imOff, col, colOff);
            return;
        }
        par.forEach(parts, p -> im2colRows(p * per, Math.min(rows, (p + 1) * per), height, width, kh, kw,
                strideH, strideW, padH, padW, outH, outW, image, imOff, col, colOff));
    }

    @Override
    public void col2im(int channels, int height, int width, int kh, int kw, int strideH, int strideW, int padH, int padW, float[] col, int colOff, float[] image, int imOff) {
        ConvolutionKernels.Checks.check(channels, height, width, kh, kw, strideH, strideW, padH, padW, image, imOff, col, colOff);
        int outH = ConvolutionKernels.Checks.outSize(height, kh, strideH, padH);
        int outW = ConvolutionKernels.Checks.outSize(width, kw, strideW, padW);
        int per = Split.rowsPerPart(kh * kw * outH * outW);
        int parts = Split.parts(channels, per);
        if (!Split.parallel(par, parts)) {
            col2imChannels(0, channels, height, width, kh, kw, strideH, strideW, padH, padW, outH, outW, col, colOff, image, imOff);
            return;
        }
        par.forEach(parts, p -> col2imChannels(p * per, Math.min(channels, (p + 1) * per), height, width, kh, kw,
                strideH, strideW, padH, padW, outH, outW, col, colOff, image, imOff));
    }

    /** Col rows [r0, r1), row r = (c*kh + ki)*kw + kj. */
    private static void im2colRows(int r0, int r1, int height, int width, int kh, int kw, int strideH, int strideW,
                                   int padH, int padW, int outH, int outW, float[] image, int imOff, float[] col, int colOff) {
        for (int r = r0; r < r1; r++) {
            int c = r / (kh * kw);
            int ki = (r / kw) % kh;
            int kj = r % kw;
            // Output columns whose input column iw = ow*strideW - padW + kj lies inside [0, width).
            int lo = Math.min(outW, firstInside(padW - kj, strideW));
            int hi = Math.max(lo, Math.min(outW, firstInside(width + padW - kj, strideW)));
            for (int oh = 0; oh < outH; oh++) {
                int d = colOff + (r * outH + oh) * outW;
                int ih = oh * strideH - padH + ki;
                if (ih < 0 || ih >= height) {
                    Arrays.fill(col, d, d + outW, 0f);
                    continue;
                }
                int src = imOff + (c * height + ih) * width - padW + kj;
                Arrays.fill(col, d, d + lo, 0f);
                if (strideW == 1) {
                    if (hi > lo) {
                        System.arraycopy(image, src + lo, col, d + lo, hi - lo);
                    }
                } else {
                    for (int ow = lo; ow < hi; ow++) {
                        col[d + ow] = image[src + ow * strideW];
                    }
                }
                Arrays.fill(col, d + hi, d + outW, 0f);
            }
        }
    }

    /** Channels [c0, c1): image[c] += every col entry taken from it, in the scalar loop order. */
    private static void col2imChannels(int c0, int c1, int height, int width, int kh, int kw, int strideH, int strideW,
                                       int padH, int padW, int outH, int outW, float[] col, int colOff, float[] image, int imOff) {
        for (int c = c0; c < c1; c++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    int r = (c * kh + ki) * kw + kj;
                    int lo = Math.min(outW, firstInside(padW - kj, strideW));
                    int hi = Math.max(lo, Math.min(outW, firstInside(width + padW - kj, strideW)));
                    for (int oh = 0; oh < outH; oh++) {
                        int ih = oh * strideH - padH + ki;
                        if (ih < 0 || ih >= height) {
                            continue;
                        }
                        int src = colOff + (r * outH + oh) * outW;
                        int dst = imOff + (c * height + ih) * width - padW + kj;
                        if (strideW == 1) {
                            int ow = lo;
                            for (int bound = lo + S.loopBound(hi - lo); ow < bound; ow += L) {
                                FloatVector.fromArray(S, image, dst + ow)
                                        .add(FloatVector.fromArray(S, col, src + ow))
                                        .intoArray(image, dst + ow);
                            }
                            for (; ow < hi; ow++) {
                                image[dst + ow] += col[src + ow];
                            }
                        } else {
                            for (int ow = lo; ow < hi; ow++) {
                                image[dst + ow * strideW] += col[src + ow];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Smallest ow >= 0 with ow * stride >= limit (0 when limit <= 0). */
    private static int firstInside(int limit, int stride) {
        return limit <= 0 ? 0 : (limit + stride - 1) / stride;
    }
}
