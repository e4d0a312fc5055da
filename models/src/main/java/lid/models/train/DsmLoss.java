package lid.models.train;

import lid.engine.Tensor;
import lid.models.nets.ScoreNet;
import lid.models.noise.NoiseProcess;
import lid.models.params.Parameterization;

/**
 * Denoising score matching in eps space: x_t = a(t) x0 + b(t) eps, loss = mean over the batch of
 * sum over coordinates of (eps_hat(x_t, t) - eps)^2 (the FLIPD code's form; per-sample it is
 * the DSM-LID estimate itself). The eps-prediction, eps-weighted case of {@link DsmObjective}.
 */
public final class DsmLoss {
    private DsmLoss() {}

    /** x0 [B, D], t [B], eps [B, D] -> scalar loss (recorded when the net has parameters that need grad). */
    public static Tensor loss(ScoreNet net, NoiseProcess process, Tensor x0, Tensor t, Tensor eps) {
        return new DsmObjective(process, Parameterization.EPS, Weighting.EPS, false).loss(net, x0, t, eps);
    }
}
