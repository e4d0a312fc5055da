package lid.engine.nn;

import lid.engine.Linalg;
import lid.engine.Tensor;

/** y = x W^T + b with W [out, in]; PyTorch's init U(+-1/sqrt(in)) for W and b. */
public final class Linear extends Module {
    public final int in;
    public final int out;
    public final Tensor weight;
    public final Tensor bias;

    public Linear(int in, int out, boolean bias, long seed, long stream) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear needs positive sizes, got in=" + in + " out=" + out);
        }
        this.in = in;
        this.out = out;
        float bound = (float) (1.0 / Math.sqrt(in));
        this.weight = param("weight", () -> Init.uniform(bound, seed, 2 * stream, out, in));
        this.bias = bias ? param("bias", () -> Init.uniform(bound, seed, 2 * stream + 1, out)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Linalg.linear(x, weight, bias);
    }
}
