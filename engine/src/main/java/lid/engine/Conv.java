package lid.engine;

import java.util.Arrays;
import lid.kernels.BinaryOp;
import lid.kernels.Kernels;
import lid.kernels.ReduceOp;

/**
 * Image ops on NCHW tensors: conv2d (im2col + GEMM per sample), average pooling and nearest
 * upsampling by an integer factor. Convolution's VJP recomputes im2col instead of keeping it
 * (memory over time); JVPs fold the k tangent directions into the batch.
 */
public final class Conv {
    private Conv() {}

    /** x [N, C, H, W], weight [O, C, kh, kw], bias [O] or null -> [N, O, OH, OW]. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        int[] xs = x.shape(), ws = weight.shape();
        if (xs.length != 4 || ws.length != 4 || ws[1] != xs[1]) {
            throw new IllegalArgumentException("conv2d needs x [N,C,H,W] and weight [O,C,kh,kw] with the same C; got "
                    + Arrays.toString(xs) + " and " + Arrays.toString(ws));
        }
        if (stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("conv2d: stride must be > 0 and padding >= 0, got " + stride + ", " + padding);
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != ws[0])) {
            throw new IllegalArgumentException("conv2d: bias must be [" + ws[0] + "], got " + Arrays.toString(bias.shape()));
        }
        if (weight.tangent != null || (bias != null && bias.tangent != null)) {
            throw new UnsupportedOperationException("conv2d: tangents on weight or bias are not supported");
        }
        Geometry g = new Geometry(xs[1], xs[2], xs[3], ws[0], ws[2], ws[3], stride, padding);
        Tensor out = Tensor.zeros(xs[0], g.o, g.oh, g.ow);
        forward(g, xs[0], x.dev(), x.offset(), weight, bias, out.dev(), 0);
        Grad.record(out, "conv2d", gr -> backward(g, xs[0], x, weight, bias, gr), x, weight, bias);
        if (x.tangent != null) {
            Tangents.attach(out, () -> {
                int k = x.tangent.dim(0);
                Tensor t = Tensor.zeros(Shape.prepend(k, out.shape()));
                forward(g, k * xs[0], x.tangent.dev(), x.tangent.offset(), weight, null, t.dev(), 0);
                return t;
            });
        }
        return out;
    }

    /** Sizes of one convolution. */
    record Geometry(int c, int h, int w, int o, int kh, int kw, int stride, int pad, int oh, int ow) {
        Geometry(int c, int h, int w, int o, int kh, int kw, int stride, int pad) {
            this(c, h, w, o, kh, kw, stride, pad, (h + 2 * pad - kh) / stride + 1, (w + 2 * pad - kw) / stride + 1);
            if (oh <= 0 || ow <= 0) {
                throw new IllegalArgumentException("conv2d: kernel " + kh + "x" + kw + " larger than padded input "
                        + (h + 2 * pad) + "x" + (w + 2 * pad));
            }
        }

        int ckk() {
            return c * kh * kw;
        }

        int p() {
            return oh * ow;
        }
    }

    private static void forward(Geometry g, int n, float[] x, int xOff, Tensor weight, Tensor bias, float[] out, int oOff) {
        Kernels k = Engine.kernels();
        Tensor col = Tensor.zeros(g.ckk(), g.p());
        int inSize = g.c * g.h * g.w, outSize = g.o * g.p();
        for (int s = 0; s < n; s++) {
            k.convolution().im2col(g.c, g.h, g.w, g.kh, g.kw, g.stride, g.stride, g.pad, g.pad, x, xOff + s * inSize, col.dev(), 0);
            int ob = oOff + s * outSize;
            if (bias != null && Engine.resident()) { // on a device: the product, then the bias added in place
                k.gemm().sgemm(false, false, g.o, g.p(), g.ckk(), 1f, weight.dev(), weight.offset(), g.ckk(), col.dev(), 0, g.p(),
                        0f, out, ob, g.p());
                k.elementwise().binaryCols(BinaryOp.ADD, g.o, g.p(), out, ob, bias.dev(), bias.offset(), out, ob);
                continue;
            }
            if (bias != null) {
                for (int oc = 0; oc < g.o; oc++) {
                    Arrays.fill(out, ob + oc * g.p(), ob + (oc + 1) * g.p(), bias.data()[bias.offset() + oc]);
                }
            }
            k.gemm().sgemm(false, false, g.o, g.p(), g.ckk(), 1f, weight.dev(), weight.offset(), g.ckk(), col.dev(), 0, g.p(),
                    bias != null ? 1f : 0f, out, ob, g.p());
        }
        col.release();
    }

    private static Tensor[] backward(Geometry g, int n, Tensor x, Tensor weight, Tensor bias, Tensor gr) {
        Kernels k = Engine.kernels();
        Tensor gx = x.requiresGrad ? Tensor.zeros(x.shape()) : null;
        Tensor gw = weight.requiresGrad ? Tensor.zeros(weight.shape()) : null;
        Tensor gb = bias != null && bias.requiresGrad ? Tensor.zeros(g.o) : null;
        Tensor col = Tensor.zeros(g.ckk(), g.p());
        Tensor tmp = gb == null ? null : Tensor.zeros(g.o);
        int inSize = g.c * g.h * g.w, outSize = g.o * g.p();
        for (int s = 0; s < n; s++) {
            int go = gr.offset() + s * outSize;
            if (gw != null) {
                k.convolution().im2col(g.c, g.h, g.w, g.kh, g.kw, g.stride, g.stride, g.pad, g.pad, x.dev(), x.offset() + s * inSize,
                        col.dev(), 0);
                // gW += g_s [O, P] col^T [P, CKK]
                k.gemm().sgemm(false, true, g.o, g.ckk(), g.p(), 1f, gr.dev(), go, g.p(), col.dev(), 0, g.p(), 1f,
                        gw.dev(), 0, g.ckk());
            }
            if (gx != null) {
                // gcol = W^T [CKK, O] g_s [O, P]; gx_s = col2im(gcol)
                k.gemm().sgemm(true, false, g.ckk(), g.p(), g.o, 1f, weight.dev(), weight.offset(), g.ckk(), gr.dev(), go,
                        g.p(), 0f, col.dev(), 0, g.p());
                k.convolution().col2im(g.c, g.h, g.w, g.kh, g.kw, g.stride, g.stride, g.pad, g.pad, col.dev(), 0, gx.dev(), s * inSize);
            }
            if (gb != null) {
                k.reductions().reduceRows(ReduceOp.SUM, g.o, g.p(), gr.dev(), go, tmp.dev(), 0);
                k.elementwise().axpy(g.o, 1f, tmp.dev(), 0, gb.dev(), 0);
            }
        }
        col.release();
        if (tmp != null) {
            tmp.release();
        }
        return new Tensor[] {gx, gw, gb};
    }

    /** Average pooling with a square window = stride = factor; H and W must divide by it. */
    public static Tensor avgPool2d(Tensor x, int factor) {
        int[] xs = x.shape();
        if (xs.length != 4 || factor <= 0 || xs[2] % factor != 0 || xs[3] % factor != 0) {
            throw new IllegalArgumentException("avgPool2d needs [N,C,H,W] with H and W divisible by " + factor + ", got "
                    + Arrays.toString(xs));
        }
        int planes = xs[0] * xs[1], h = xs[2], w = xs[3];
        Tensor out = Tensor.zeros(xs[0], xs[1], h / factor, w / factor);
        pool(x.data(), x.offset(), planes, h, w, factor, out.data(), 0);
        Grad.record(out, "avgPool2d", g -> {
            Tensor gi = Tensor.zeros(xs);
            unpool(g.data(), g.offset(), planes, h, w, factor, 1f / (factor * factor), gi.data(), 0);
            return new Tensor[] {gi};
        }, x);
        if (x.tangent != null) {
            Tangents.attach(out, () -> {
                int k = x.tangent.dim(0);
                Tensor t = Tensor.zeros(Shape.prepend(k, out.shape()));
                pool(x.tangent.data(), x.tangent.offset(), k * planes, h, w, factor, t.data(), 0);
                return t;
            });
        }
        return out;
    }

    /** Nearest-neighbour upsampling by an integer factor. */
    public static Tensor upsampleNearest(Tensor x, int factor) {
        int[] xs = x.shape();
        if (xs.length != 4 || factor <= 0) {
            throw new IllegalArgumentException("upsampleNearest needs [N,C,H,W] and factor > 0, got "
                    + Arrays.toString(xs) + ", " + factor);
        }
        int planes = xs[0] * xs[1], h = xs[2] * factor, w = xs[3] * factor;
        Tensor out = Tensor.zeros(xs[0], xs[1], h, w);
        unpool(x.data(), x.offset(), planes, h, w, factor, 1f, out.data(), 0);
        Grad.record(out, "upsampleNearest", g -> {
            Tensor gi = Tensor.zeros(xs);
            pool(g.data(), g.offset(), planes, h, w, factor, gi.data(), 0);
            Engine.kernels().elementwise().scale(gi.size(), factor * factor, gi.dev(), 0, gi.dev(), 0);
            return new Tensor[] {gi};
        }, x);
        if (x.tangent != null) {
            Tangents.attach(out, () -> {
                int k = x.tangent.dim(0);
                Tensor t = Tensor.zeros(Shape.prepend(k, out.shape()));
                unpool(x.tangent.data(), x.tangent.offset(), k * planes, h, w, factor, 1f, t.data(), 0);
                return t;
            });
        }
        return out;
    }

    /** out[p, i, j] = mean of x[p, f*i .. f*i+f-1, f*j .. f*j+f-1]; x planes are h x w. */
    private static void pool(float[] x, int xOff, int planes, int h, int w, int f, float[] out, int oOff) {
        int oh = h / f, ow = w / f;
        float inv = 1f / (f * f);
        for (int p = 0; p < planes; p++) {
            int xb = xOff + p * h * w, ob = oOff + p * oh * ow;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    float s = 0f;
                    for (int a = 0; a < f; a++) {
                        for (int b = 0; b < f; b++) {
                            s += x[xb + (i * f + a) * w + j * f + b];
                        }
                    }
                    out[ob + i * ow + j] = s * inv;
                }
            }
        }
    }

    /** out[p, y, x] = scale * in[p, y/f, x/f] for out planes h x w. */
    private static void unpool(float[] in, int inOff, int planes, int h, int w, int f, float scale, float[] out, int oOff) {
        int ih = h / f, iw = w / f;
        for (int p = 0; p < planes; p++) {
            int ib = inOff + p * ih * iw, ob = oOff + p * h * w;
            for (int y = 0; y < h; y++) {
                for (int xq = 0; xq < w; xq++) {
                    out[ob + y * w + xq] = scale * in[ib + (y / f) * iw + xq / f];
                }
            }
        }
    }
}
