package lid.kernels.opencl;

import lid.kernels.ConvolutionKernels;
import lid.kernels.RandomKernels;
import org.jocl.cl_mem;

/** im2col / col2im (convolution.cl) and the Philox random fills (random.cl) on the device. */
final class ClData implements lid.kernels.ConvolutionKernels, lid.kernels.RandomKernels {
    static final int UNIFORM = 0;
    static final int NORMAL = 1;
    static final int RADEMACHER = 2;

    private final ClSession s;

    ClData(ClSession s) {
        this.s = s;
    }

    @Override
    public void im2col(int channels, int height, int width, int kh, int kw, int strideH, int strideW, int padH, int padW,
                float[] image, int imOff, float[] col, int colOff) {
        synchronized (s) {
            s.checkOpen();
            ConvolutionKernels.Checks.check(channels, height, width, kh, kw, strideH, strideW, padH, padW, image, imOff, col, colOff);
            int outH = ConvolutionKernels.Checks.outSize(height, kh, strideH, padH);
            int outW = ConvolutionKernels.Checks.outSize(width, kw, strideW, padW);
            long n = (long) channels * kh * kw * outH * outW;
            if (n <= 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dim = c.in(image), dcol = c.out(col);
                s.rt.launch("im2col").arg(channels).arg(height).arg(width).arg(kh).arg(kw).arg(strideH).arg(strideW)
                        .arg(padH).arg(padW).arg(outH).arg(outW).arg(dim).arg(imOff).arg(dcol).arg(colOff).run(n);
            }
        }
    }

    @Override
    public void col2im(int channels, int height, int width, int kh, int kw, int strideH, int strideW, int padH, int padW,
                float[] col, int colOff, float[] image, int imOff) {
        synchronized (s) {
            s.checkOpen();
            ConvolutionKernels.Checks.check(channels, height, width, kh, kw, strideH, strideW, padH, padW, image, imOff, col, colOff);
            int outH = ConvolutionKernels.Checks.outSize(height, kh, strideH, padH);
            int outW = ConvolutionKernels.Checks.outSize(width, kw, strideW, padW);
            long n = (long) channels * height * width;
            if (n <= 0 || outH <= 0 || outW <= 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dcol = c.in(col), dim = c.out(image);
                s.rt.launch("col2im").arg(channels).arg(height).arg(width).arg(kh).arg(kw).arg(strideH).arg(strideW)
                        .arg(padH).arg(padW).arg(outH).arg(outW).arg(dcol).arg(colOff).arg(dim).arg(imOff).run(n);
            }
        }
    }

    @Override
    public void randomUniform(long seed, long stream, long offset, int n, float[] out, int outOff) {
        synchronized (s) {
            s.checkOpen();
            random(UNIFORM, seed, stream, offset, n, out, outOff);
        }
    }

    @Override
    public void randomNormal(long seed, long stream, long offset, int n, float[] out, int outOff) {
        synchronized (s) {
            s.checkOpen();
            random(NORMAL, seed, stream, offset, n, out, outOff);
        }
    }

    @Override
    public void randomRademacher(long seed, long stream, long offset, int n, float[] out, int outOff) {
        synchronized (s) {
            s.checkOpen();
            random(RADEMACHER, seed, stream, offset, n, out, outOff);
        }
    }

    void random(int kind, long seed, long stream, long offset, int n, float[] out, int outOff) {
        RandomKernels.Checks.fill(offset, n, out, outOff);
        if (n == 0) {
            return;
        }
        long blocks = ((offset + n - 1) >>> 2) - (offset >>> 2) + 1;
        try (ClCall c = s.call()) {
            cl_mem dout = c.out(out);
            s.rt.launch("philox_fill").arg(kind).arg((int) seed).arg((int) (seed >>> 32))
                    .arg((int) stream).arg((int) (stream >>> 32)).arg(offset).arg(n).arg(dout).arg(outOff).run(blocks);
        }
    }
}
