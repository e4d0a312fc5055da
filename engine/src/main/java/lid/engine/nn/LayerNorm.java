package lid.engine.nn;

import lid.engine.Norms;
import lid.engine.Tensor;

/** Layer norm over the last axis with learnable scale (ones) and shift (zeros). */
public final class LayerNorm extends Module {
    public final float eps;
    public final Tensor gamma;
    public final Tensor beta;

    public LayerNorm(int features, float eps, boolean affine) {
        this.eps = eps;
        this.gamma = affine ? param("weight", () -> Tensor.full(1f, features)) : null;
        this.beta = affine ? param("bias", () -> Tensor.zeros(features)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Norms.layerNorm(x, gamma, beta, eps);
    }
}
