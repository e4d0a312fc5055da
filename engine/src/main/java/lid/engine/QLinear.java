package lid.engine;

import java.util.Arrays;
import lid.kernels.QuantizedMatrix;
import lid.kernels.ReduceOp;

/**
 * y = x W^T + bias with W stored quantized ({@link QuantizedMatrix}, [out, in]); the kernels
 * dequantize W inside the products. VJP to x: g W (W is frozen: no weight gradient); to the
 * bias: column sums of g. JVP: every tangent direction through the same product.
 */
public final class QLinear {
    private QLinear() {}

    public static Tensor apply(Tensor x, QuantizedMatrix w, Tensor bias) {
        int in = w.cols(), outF = w.rows();
        if (x.dim(-1) != in) {
            throw new IllegalArgumentException("quantized linear: input has " + x.dim(-1) + " features, weight expects " + in);
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != outF)) {
            throw new IllegalArgumentException("quantized linear: bias must have shape [" + outF + "], got "
                    + Arrays.toString(bias.shape()));
        }
        int rows = x.size() / Math.max(in, 1);
        int[] os = x.shape();
        os[os.length - 1] = outF;
        Tensor out = Tensor.empty(os);
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias.data(), bias.offset(), out.data(), r * outF, outF);
            }
        }
        Engine.kernels().quantized().qmatmul(true, rows, w, x.data(), x.offset(), in, bias != null ? 1f : 0f, out.data(), 0, outF);
        Grad.record(out, "qlinear", g -> {
            Tensor gx = null, gb = null;
            if (x.requiresGrad) {
                gx = Tensor.empty(x.shape());
                Engine.kernels().quantized().qmatmul(false, rows, w, g.data(), g.offset(), outF, 0f, gx.data(), 0, in);
            }
            if (bias != null && bias.requiresGrad) {
                gb = Tensor.empty(outF);
                Engine.kernels().reductions().reduceCols(ReduceOp.SUM, rows, outF, g.data(), g.offset(), gb.data(), 0);
            }
            return new Tensor[] {gx, gb};
        }, x, bias);
        if (x.tangent != null) {
            Tangents.attach(out, () -> {
                int k = x.tangent.dim(0);
                Tensor t = Tensor.empty(Shape.prepend(k, out.shape()));
                Engine.kernels().quantized().qmatmul(true, k * rows, w, x.tangent.data(), x.tangent.offset(), in, 0f, t.data(), 0, outF);
                return t;
            });
        }
        return out;
    }
}
