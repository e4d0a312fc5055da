package lid.models.params;

import lid.engine.Tensor;
import lid.models.noise.NoiseProcess;

/**
 * The one place that turns a network output in any {@link Parameterization} into eps_hat, the
 * score and x0_hat (math.md section 2), as tensor ops: reverse-mode gradients and forward-mode
 * tangents of x flow through, so estimators get exact Jacobians of the score of any model.
 * Shapes: x, out [B, D] (or [B, ...]); t [B].
 */
public final class Conversions {
    private Conversions() {}

    /** eps_hat = cOut(t) out + cX(t) x. */
    public static Tensor epsHat(Parameterization p, NoiseProcess process, Tensor out, Tensor x, Tensor t) {
        float[] ts = t.toArray();
        RowScalars cOut = RowScalars.of(ts, s -> p.toEps(process.a(s), process.b(s), process.da(s), process.db(s)).first());
        RowScalars cX = RowScalars.of(ts, s -> p.toEps(process.a(s), process.b(s), process.da(s), process.db(s)).second());
        Tensor e = cOut.times(out);
        return cX.isZero() ? e : e.add(cX.times(x));
    }

    /** score = -eps_hat / b(t). */
    public static Tensor score(NoiseProcess process, Tensor epsHat, Tensor t) {
        return RowScalars.of(t.toArray(), s -> -1 / process.b(s)).times(epsHat);
    }

    /** eps_hat = -b(t) score. */
    public static Tensor epsFromScore(NoiseProcess process, Tensor score, Tensor t) {
        return RowScalars.of(t.toArray(), s -> -process.b(s)).times(score);
    }

    /** x0_hat = (x - b eps_hat) / a (Tweedie). */
    public static Tensor x0Hat(NoiseProcess process, Tensor x, Tensor epsHat, Tensor t) {
        float[] ts = t.toArray();
        return RowScalars.of(ts, s -> 1 / process.a(s)).times(x)
                .sub(RowScalars.of(ts, s -> process.b(s) / process.a(s)).times(epsHat));
    }
}
