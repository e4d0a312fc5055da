package lid.engine;

import java.util.Arrays;
import lid.kernels.BinaryOp;
import lid.kernels.Kernels;
import lid.kernels.ReduceOp;

/**
 * Matrix products. {@code matmul}: [..., m, k] x [k, n] (leading axes of a flattened into rows)
 * and batched [b, m, k] x [b, k, n]. {@code linear}: x [..., in] W[out, in]^T + bias[out], the
 * layer every model uses (one GEMM, bias added per row). JVPs push all k tangent directions
 * through one GEMM by folding k into the rows.
 */
public final class Linalg {
    private Linalg() {}

    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.rank() == 3 && b.rank() == 3) {
            return batched(a, b);
        }
        if (a.rank() < 1 || b.rank() != 2) {
            throw new IllegalArgumentException("matmul supports [..., m, k] x [k, n] and [b, m, k] x [b, k, n]; got "
                    + Arrays.toString(a.shape()) + " x " + Arrays.toString(b.shape()));
        }
        int kk = a.dim(-1);
        if (b.dim(0) != kk) {
            throw new IllegalArgumentException("matmul inner dimensions differ: " + Arrays.toString(a.shape()) + " x "
                    + Arrays.toString(b.shape()));
        }
        int n = b.dim(1);
        int m = sizeWithoutLast(a.shape());
        int[] os = a.shape();
        os[os.length - 1] = n;
        Tensor out = Tensor.zeros(os);
        Kernels k = Engine.kernels();
        k.gemm().sgemm(false, false, m, n, kk, 1f, a.dev(), a.offset(), kk, b.dev(), b.offset(), n, 0f, out.dev(), 0, n);
        final int mm = m;
        Grad.record(out, "matmul", g -> {
            Tensor ga = null, gb = null;
            if (a.requiresGrad) { // ga = g b^T
                ga = Tensor.zeros(a.shape());
                Engine.kernels().gemm().sgemm(false, true, mm, kk, n, 1f, g.dev(), g.offset(), n, b.dev(), b.offset(), n,
                        0f, ga.dev(), 0, kk);
            }
            if (b.requiresGrad) { // gb = a^T g
                gb = Tensor.zeros(b.shape());
                Engine.kernels().gemm().sgemm(true, false, kk, n, mm, 1f, a.dev(), a.offset(), kk, g.dev(), g.offset(), n,
                        0f, gb.dev(), 0, n);
            }
            return new Tensor[] {ga, gb};
        }, a, b);
        if (Tangents.any(a, b)) {
            Tangents.attach(out, () -> {
                int kDirs = Tangents.k(a, b);
                Tensor t = Tensor.zeros(Shape.prepend(kDirs, out.shape()));
                Kernels kr = Engine.kernels();
                if (a.tangent != null) { // [k*m, kk] x [kk, n]
                    kr.gemm().sgemm(false, false, kDirs * mm, n, kk, 1f, a.tangent.dev(), a.tangent.offset(), kk,
                            b.dev(), b.offset(), n, 0f, t.dev(), 0, n);
                }
                if (b.tangent != null) { // a [m, kk] x tb[d] [kk, n], one product per direction
                    kr.gemm().sgemmBatched(kDirs, false, false, mm, n, kk, 1f, a.dev(), a.offset(), kk, 0,
                            b.tangent.dev(), b.tangent.offset(), n, kk * n, 1f, t.dev(), 0, n, mm * n);
                }
                return t;
            });
        }
        return out;
    }

    private static int sizeWithoutLast(int[] s) {
        int p = 1;
        for (int i = 0; i < s.length - 1; i++) {
            p *= s[i];
        }
        return p;
    }

    private static Tensor batched(Tensor a, Tensor b) {
        int bs = a.dim(0), m = a.dim(1), kk = a.dim(2), n = b.dim(2);
        if (b.dim(0) != bs || b.dim(1) != kk) {
            throw new IllegalArgumentException("batched matmul shapes do not fit: " + Arrays.toString(a.shape()) + " x "
                    + Arrays.toString(b.shape()));
        }
        Tensor out = Tensor.zeros(bs, m, n);
        Engine.kernels().gemm().sgemmBatched(bs, false, false, m, n, kk, 1f, a.dev(), a.offset(), kk, m * kk,
                b.dev(), b.offset(), n, kk * n, 0f, out.dev(), 0, n, m * n);
        Grad.record(out, "bmm", g -> {
            Tensor ga = null, gb = null;
            if (a.requiresGrad) {
                ga = Tensor.zeros(a.shape());
                Engine.kernels().gemm().sgemmBatched(bs, false, true, m, kk, n, 1f, g.dev(), g.offset(), n, m * n,
                        b.dev(), b.offset(), n, kk * n, 0f, ga.dev(), 0, kk, m * kk);
            }
            if (b.requiresGrad) {
                gb = Tensor.zeros(b.shape());
                Engine.kernels().gemm().sgemmBatched(bs, true, false, kk, n, m, 1f, a.dev(), a.offset(), kk, m * kk,
                        g.dev(), g.offset(), n, m * n, 0f, gb.dev(), 0, n, kk * n);
            }
            return new Tensor[] {ga, gb};
        }, a, b);
        if (Tangents.any(a, b)) {
            Tangents.attach(out, () -> {
                int kDirs = Tangents.k(a, b);
                Tensor t = Tensor.zeros(Shape.prepend(kDirs, out.shape()));
                Kernels kr = Engine.kernels();
                for (int d = 0; d < kDirs; d++) {
                    if (a.tangent != null) {
                        kr.gemm().sgemmBatched(bs, false, false, m, n, kk, 1f, a.tangent.dev(), a.tangent.offset() + d * bs * m * kk,
                                kk, m * kk, b.dev(), b.offset(), n, kk * n, 1f, t.dev(), d * bs * m * n, n, m * n);
                    }
                    if (b.tangent != null) {
                        kr.gemm().sgemmBatched(bs, false, false, m, n, kk, 1f, a.dev(), a.offset(), kk, m * kk,
                                b.tangent.dev(), b.tangent.offset() + d * bs * kk * n, n, kk * n, 1f, t.dev(),
                                d * bs * m * n, n, m * n);
                    }
                }
                return t;
            });
        }
        return out;
    }

    /**
     * y = x W^T + bias: x [..., in], weight [out, in], bias [out] or null. Tangents on x only
     * (weights are parameters; a tangent on them is rejected).
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        int in = weight.dim(1), outF = weight.dim(0);
        if (x.dim(-1) != in) {
            throw new IllegalArgumentException("linear: input has " + x.dim(-1) + " features, weight "
                    + Arrays.toString(weight.shape()) + " expects " + in);
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != outF)) {
            throw new IllegalArgumentException("linear: bias must have shape [" + outF + "], got "
                    + Arrays.toString(bias.shape()));
        }
        if (weight.tangent != null || (bias != null && bias.tangent != null)) {
            throw new UnsupportedOperationException("linear: tangents on weight or bias are not supported");
        }
        int rows = x.size() / Math.max(in, 1);
        int[] os = x.shape();
        os[os.length - 1] = outF;
        Tensor out = Tensor.empty(os); // bias rows or beta = 0 overwrite it
        Kernels k = Engine.kernels();
        if (bias != null && Engine.resident()) {
            // On a device: product, then the bias row added in place (acc + bias, rounded once, as below).
            k.gemm().sgemm(false, true, rows, outF, in, 1f, x.dev(), x.offset(), in, weight.dev(), weight.offset(), in,
                    0f, out.dev(), 0, outF);
            k.elementwise().binaryRows(BinaryOp.ADD, rows, outF, out.dev(), 0, bias.dev(), bias.offset(), out.dev(), 0);
        } else {
            if (bias != null) {
                float[] o = out.data(), b = bias.read();
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(b, bias.offset(), o, r * outF, outF);
                }
            }
            k.gemm().sgemm(false, true, rows, outF, in, 1f, x.dev(), x.offset(), in, weight.dev(), weight.offset(), in,
                    bias != null ? 1f : 0f, out.dev(), 0, outF);
        }
        Grad.record(out, "linear", g -> {
            Kernels kr = Engine.kernels();
            Tensor gx = null, gw = null, gb = null;
            if (x.requiresGrad) { // gx = g W  [rows, out] x [out, in]
                gx = Tensor.empty(x.shape());
                kr.gemm().sgemm(false, false, rows, in, outF, 1f, g.dev(), g.offset(), outF, weight.dev(), weight.offset(),
                        in, 0f, gx.dev(), 0, in);
            }
            if (weight.requiresGrad) { // gW = g^T x  [out, rows] x [rows, in]
                gw = Tensor.empty(weight.shape());
                kr.gemm().sgemm(true, false, outF, in, rows, 1f, g.dev(), g.offset(), outF, x.dev(), x.offset(), in,
                        0f, gw.dev(), 0, in);
            }
            if (bias != null && bias.requiresGrad) {
                gb = Tensor.empty(outF);
                kr.reductions().reduceCols(ReduceOp.SUM, rows, outF, g.dev(), g.offset(), gb.dev(), 0);
            }
            return new Tensor[] {gx, gw, gb};
        }, x, weight, bias);
        if (x.tangent != null) {
            Tangents.attach(out, () -> {
                int kDirs = x.tangent.dim(0);
                Tensor t = Tensor.empty(Shape.prepend(kDirs, out.shape()));
                Engine.kernels().gemm().sgemm(false, true, kDirs * rows, outF, in, 1f, x.tangent.dev(), x.tangent.offset(), in,
                        weight.dev(), weight.offset(), in, 0f, t.dev(), 0, outF);
                return t;
            });
        }
        return out;
    }
}
