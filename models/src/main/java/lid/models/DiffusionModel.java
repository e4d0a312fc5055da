package lid.models;

import lid.engine.Tensor;
import lid.models.noise.NoiseProcess;
import lid.models.params.Conversions;

/**
 * What every estimator and sampler reads: eps_hat(x_t, t) and the score for a noise process,
 * whether the model is a trained network (any parameterisation) or an exact oracle. Both are
 * tensor ops, so forward-mode tangents on x give exact Jacobian-vector products.
 * Shapes: x [B, D], t [B] (one time per row).
 */
public interface DiffusionModel {
    NoiseProcess process();

    /** Ambient dimension D. */
    int dim();

    /** Noise prediction eps_hat(x, t) [B, D]. */
    Tensor epsHat(Tensor x, Tensor t);

    /** Score grad log p_t(x) = -eps_hat / b(t). */
    default Tensor score(Tensor x, Tensor t) {
        return Conversions.score(process(), epsHat(x, t), t);
    }

    /** Posterior mean E[x0 | x_t] (Tweedie). */
    default Tensor x0Hat(Tensor x, Tensor t) {
        return Conversions.x0Hat(process(), x, epsHat(x, t), t);
    }

    /** One line saying what the model is (architecture or oracle, process, parameterisation). */
    String describe();

    /** t [B] filled with one time (estimators evaluate all rows at one t). */
    static Tensor times(int rows, double t) {
        return Tensor.full((float) t, rows);
    }
}
