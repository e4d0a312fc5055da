package lid.engine;

import java.util.Arrays;
import lid.kernels.Kernels;
import lid.kernels.QuantizedMatrix;
import lid.kernels.ReduceOp;

/**
 * conv2d with the weight stored quantized: W is the [O, C*kh*kw] matrix of a [O, C, kh, kw]
 * kernel (row-major, the layout im2col's rows follow). Per sample:
 * <pre>
 *   forward   col = im2col(x_s) [CKK, P];  Y^T [P, O] = col^T W^T   (qmatmul, W dequantized in the packed panel)
 *   VJP to x  gcol^T [P, CKK] = g_s^T [P, O] W;  gx_s = col2im(gcol)
 *   VJP to b  row sums of g_s;  JVP: the forward of the tangents without bias
 * </pre>
 * The transposes cost O(P * (CKK + O)) against the product's O(P * CKK * O). The weight is
 * frozen (no weight gradient), as for {@link QLinear}.
 */
public final class QConv {
    private QConv() {}

    /** x [N, C, H, W], w [O, C*kh*kw] quantized, bias [O] or null -> [N, O, OH, OW]. */
    public static Tensor conv2d(Tensor x, QuantizedMatrix w, int kh, int kw, Tensor bias, int stride, int padding) {
        int[] xs = x.shape();
        if (xs.length != 4 || kh <= 0 || kw <= 0 || w.cols() != xs[1] * kh * kw) {
            throw new IllegalArgumentException("quantized conv2d needs x [N,C,H,W] and a [O, C*" + kh + "*" + kw
                    + "] weight; got x " + Arrays.toString(xs) + " and weight " + w.rows() + "x" + w.cols());
        }
        if (stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("conv2d: stride must be > 0 and padding >= 0, got " + stride + ", " + padding);
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != w.rows())) {
            throw new IllegalArgumentException("conv2d: bias must be [" + w.rows() + "], got " + Arrays.toString(bias.shape()));
        }
        if (bias != null && bias.tangent != null) {
            throw new UnsupportedOperationException("conv2d: tangents on the bias are not supported");
        }
        Conv.Geometry g = new Conv.Geometry(xs[1], xs[2], xs[3], w.rows(), kh, kw, stride, padding);
        Tensor out = Tensor.empty(xs[0], g.o(), g.oh(), g.ow());
        forward(g, xs[0], x.data(), x.offset(), w, bias, out.data(), 0);
        Grad.record(out, "qconv2d", gr -> backward(g, xs[0], x, w, bias, gr), x, bias);
        if (x.tangent != null) {
            Tangents.attach(out, () -> {
                int k = x.tangent.dim(0);
                Tensor t = Tensor.empty(Shape.prepend(k, out.shape()));
                forward(g, k * xs[0], x.tangent.data(), x.tangent.offset(), w, null, t.data(), 0);
                return t;
            });
        }
        return out;
    }

    private static void forward(Conv.Geometry g, int n, float[] x, int xOff, QuantizedMatrix w, Tensor bias,
                                float[] out, int oOff) {
        Kernels k = Engine.kernels();
        int ckk = g.ckk(), p = g.p();
        Tensor col = Tensor.empty(ckk, p);
        Tensor colT = Tensor.empty(p, ckk);
        Tensor yT = Tensor.empty(p, g.o());
        int inSize = g.c() * g.h() * g.w(), outSize = g.o() * p;
        for (int s = 0; s < n; s++) {
            k.convolution().im2col(g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.stride(), g.pad(), g.pad(), x, xOff + s * inSize,
                    col.data(), 0);
            transpose(ckk, p, col.data(), 0, colT.data(), 0);
            k.quantized().qmatmul(true, p, w, colT.data(), 0, ckk, 0f, yT.data(), 0, g.o());
            int ob = oOff + s * outSize;
            transpose(p, g.o(), yT.data(), 0, out, ob);
            if (bias != null) {
                for (int oc = 0; oc < g.o(); oc++) {
                    float b = bias.data()[bias.offset() + oc];
                    for (int i = ob + oc * p, e = i + p; i < e; i++) {
                        out[i] += b;
                    }
                }
            }
        }
        col.release();
        colT.release();
        yT.release();
    }

    private static Tensor[] backward(Conv.Geometry g, int n, Tensor x, QuantizedMatrix w, Tensor bias, Tensor gr) {
        Kernels k = Engine.kernels();
        int ckk = g.ckk(), p = g.p();
        Tensor gx = x.requiresGrad ? Tensor.zeros(x.shape()) : null;
        Tensor gb = bias != null && bias.requiresGrad ? Tensor.zeros(g.o()) : null;
        int inSize = g.c() * g.h() * g.w(), outSize = g.o() * p;
        if (gx != null) {
            Tensor gT = Tensor.empty(p, g.o());
            Tensor gcolT = Tensor.empty(p, ckk);
            Tensor gcol = Tensor.empty(ckk, p);
            for (int s = 0; s < n; s++) {
                transpose(g.o(), p, gr.data(), gr.offset() + s * outSize, gT.data(), 0);
                k.quantized().qmatmul(false, p, w, gT.data(), 0, g.o(), 0f, gcolT.data(), 0, ckk);
                transpose(p, ckk, gcolT.data(), 0, gcol.data(), 0);
                k.convolution().col2im(g.c(), g.h(), g.w(), g.kh(), g.kw(), g.stride(), g.stride(), g.pad(), g.pad(), gcol.data(), 0,
                        gx.data(), s * inSize);
            }
            gT.release();
            gcolT.release();
            gcol.release();
        }
        if (gb != null) {
            Tensor tmp = Tensor.empty(g.o());
            for (int s = 0; s < n; s++) {
                k.reductions().reduceRows(ReduceOp.SUM, g.o(), p, gr.data(), gr.offset() + s * outSize, tmp.data(), 0);
                k.elementwise().axpy(g.o(), 1f, tmp.data(), 0, gb.data(), 0);
            }
            tmp.release();
        }
        return new Tensor[] {gx, gb};
    }

    private static final int TILE = 32;

    /** dst [cols, rows] = src [rows, cols]^T, in cache tiles. */
    private static void transpose(int rows, int cols, float[] src, int srcOff, float[] dst, int dstOff) {
        for (int r0 = 0; r0 < rows; r0 += TILE) {
            int r1 = Math.min(rows, r0 + TILE);
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int c1 = Math.min(cols, c0 + TILE);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        dst[dstOff + c * rows + r] = src[srcOff + r * cols + c];
                    }
                }
            }
        }
    }
}
