package lid.models.train;

import lid.engine.Tensor;
import lid.models.nets.ScoreNet;
import lid.models.noise.NoiseProcess;

/**
 * Denoising score matching in eps space: x_t = a(t) x0 + b(t) eps, loss = mean over the batch of
 * sum over coordinates of (eps_hat(x_t, t) - eps)^2 (the FLIPD code's form; per-sample it is
 * the DSM-LID estimate itself).
 */
public final class DsmLoss {
    private DsmLoss() {}

    /** x0 [B, D], t [B], eps [B, D] -> scalar loss (recorded when the net has parameters that need grad). */
    public static Tensor loss(ScoreNet net, NoiseProcess process, Tensor x0, Tensor t, Tensor eps) {
        int b = x0.dim(0);
        float[] a = new float[b], s = new float[b];
        float[] td = t.toArray();
        for (int i = 0; i < b; i++) {
            a[i] = (float) process.a(td[i]);
            s[i] = (float) process.b(td[i]);
        }
        Tensor xt = Tensor.of(a, b, 1).mul(x0).add(Tensor.of(s, b, 1).mul(eps));
        Tensor err = net.forward(xt, t).sub(eps);
        return err.square().sum().mul(1f / b);
    }
}
