package lid.engine;

import lid.kernels.Kernels;
import lid.kernels.UnaryOp;

/**
 * Elementwise functions y = f(x). VJP: g * f'(x) ({@link Kernels#unaryBackward}); JVP: the same
 * product applied to each of the k tangent directions.
 */
public final class Pointwise {
    private Pointwise() {}

    public static Tensor apply(UnaryOp op, Tensor x) {
        Tensor out = Tensor.empty(x.shape());
        Kernels k = Engine.kernels();
        k.elementwise().unary(op, x.size(), x.dev(), x.offset(), out.dev(), 0);
        Grad.record(out, op.name().toLowerCase(), g -> {
            Tensor gi = Tensor.empty(x.shape());
            Engine.kernels().elementwise().unaryBackward(op, x.size(), x.dev(), x.offset(), g.dev(), g.offset(), gi.dev(), 0);
            return new Tensor[] {gi};
        }, x);
        if (x.tangent != null) {
            Tangents.attach(out, () -> {
                Tensor t = x.tangent;
                int kDirs = t.dim(0);
                int n = x.size();
                Tensor to = Tensor.empty(t.shape());
                Kernels kk = Engine.kernels();
                for (int d = 0; d < kDirs; d++) {
                    kk.elementwise().unaryBackward(op, n, x.dev(), x.offset(), t.dev(), t.offset() + d * n, to.dev(), d * n);
                }
                return to;
            });
        }
        return out;
    }

    public static Tensor silu(Tensor x) { return apply(UnaryOp.SILU, x); }
    public static Tensor gelu(Tensor x) { return apply(UnaryOp.GELU, x); }
    public static Tensor tanh(Tensor x) { return apply(UnaryOp.TANH, x); }
    public static Tensor sigmoid(Tensor x) { return apply(UnaryOp.SIGMOID, x); }
    public static Tensor relu(Tensor x) { return apply(UnaryOp.RELU, x); }
    public static Tensor exp(Tensor x) { return apply(UnaryOp.EXP, x); }
    public static Tensor log(Tensor x) { return apply(UnaryOp.LOG, x); }
    public static Tensor sqrt(Tensor x) { return apply(UnaryOp.SQRT, x); }
    public static Tensor square(Tensor x) { return apply(UnaryOp.SQUARE, x); }
    public static Tensor abs(Tensor x) { return apply(UnaryOp.ABS, x); }
    public static Tensor reciprocal(Tensor x) { return apply(UnaryOp.RECIPROCAL, x); }
}
