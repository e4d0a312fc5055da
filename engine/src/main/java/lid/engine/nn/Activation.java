package lid.engine.nn;

import lid.engine.Pointwise;
import lid.engine.Tensor;
import lid.kernels.UnaryOp;

/** An elementwise nonlinearity as a module (SiLU, GELU, tanh, ...). */
public final class Activation extends Module {
    public final UnaryOp op;

    public Activation(UnaryOp op) {
        this.op = op;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pointwise.apply(op, x);
    }
}
