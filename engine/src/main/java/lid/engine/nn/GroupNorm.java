package lid.engine.nn;

import lid.engine.Norms;
import lid.engine.Tensor;

/** Group norm of [N, C, H, W] with learnable per-channel scale and shift. */
public final class GroupNorm extends Module {
    public final int groups;
    public final float eps;
    public final Tensor gamma;
    public final Tensor beta;

    public GroupNorm(int groups, int channels, float eps) {
        if (groups <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException("GroupNorm: " + channels + " channels do not split into " + groups + " groups");
        }
        this.groups = groups;
        this.eps = eps;
        this.gamma = param("weight", () -> Tensor.full(1f, channels));
        this.beta = param("bias", () -> Tensor.zeros(channels));
    }

    @Override
    public Tensor forward(Tensor x) {
        return Norms.groupNorm(x, groups, gamma, beta, eps);
    }
}
