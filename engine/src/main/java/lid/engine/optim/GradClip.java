package lid.engine.optim;

import java.util.List;
import lid.engine.Engine;
import lid.engine.Tensor;
import lid.kernels.ReduceOp;

/** Gradient clipping by the global L2 norm of all gradients (torch.nn.utils.clip_grad_norm_). */
public final class GradClip {
    private GradClip() {}

    /** Scales every gradient by min(1, maxNorm / (norm + 1e-6)); returns the norm before clipping. */
    public static double clipByGlobalNorm(List<Tensor> params, double maxNorm) {
        double sq = 0;
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g != null) {
                sq += Engine.kernels().reductions().reduce(ReduceOp.SUM_SQUARES, g.size(), g.dev(), g.offset());
            }
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            float s = (float) (maxNorm / (norm + 1e-6));
            for (Tensor p : params) {
                Tensor g = p.grad();
                if (g != null) {
                    Engine.kernels().elementwise().scale(g.size(), s, g.dev(), g.offset(), g.dev(), g.offset());
                }
            }
        }
        return norm;
    }
}
