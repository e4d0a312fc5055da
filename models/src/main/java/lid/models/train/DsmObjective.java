package lid.models.train;

import lid.engine.Tensor;
import lid.models.nets.ScoreNet;
import lid.models.noise.NoiseProcess;
import lid.models.params.Parameterization;
import lid.models.params.RowScalars;

/**
 * Denoising score matching for any noise process, parameterisation and weighting:
 * x_t = a x0 + b eps, loss = (1/B) sum_i lambda_i ||out_i - target_i||^2 (summed over the
 * coordinates, or averaged over them with {@code meanOverDims}), where the target is the
 * parameterisation's (linear in x0 and eps) and lambda comes from the {@link Weighting}.
 * Since eps_hat - eps = cOut (out - target), the eps weighting is exactly E||eps_hat - eps||^2.
 */
public record DsmObjective(NoiseProcess process, Parameterization parameterization, Weighting weighting,
                           boolean meanOverDims) {

    /** x0 [B, D], t [B], eps [B, D] -> scalar loss (recorded when the net's parameters need grad). */
    public Tensor loss(ScoreNet net, Tensor x0, Tensor t, Tensor eps) {
        float[] ts = t.toArray();
        int rows = ts.length;
        double[] a = new double[rows], b = new double[rows], tx0 = new double[rows], te = new double[rows];
        double[] w = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = ts[i];
            a[i] = process.a(s);
            b[i] = process.b(s);
            double da = process.da(s), db = process.db(s);
            Parameterization.Pair target = parameterization.target(a[i], b[i], da, db);
            tx0[i] = target.first();
            te[i] = target.second();
            double cOut = parameterization.toEps(a[i], b[i], da, db).first();
            w[i] = weighting.onNativeError(cOut, a[i], b[i]);
        }
        Tensor xt = RowScalars.of(a).times(x0).add(RowScalars.of(b).times(eps));
        Tensor target = combine(RowScalars.of(tx0), x0, RowScalars.of(te), eps);
        Tensor err = net.forward(xt, t).sub(target).square();
        RowScalars weights = RowScalars.of(w);
        Tensor weighted = weights.times(err);
        float scale = 1f / rows / (meanOverDims ? x0.size() / rows : 1);
        return weighted.sum().mul(scale);
    }

    private static Tensor combine(RowScalars c1, Tensor x1, RowScalars c2, Tensor x2) {
        if (c1.isZero()) {
            return c2.times(x2);
        }
        if (c2.isZero()) {
            return c1.times(x1);
        }
        return c1.times(x1).add(c2.times(x2));
    }
}
