package lid.models.nets;

import java.util.List;
import java.util.Map;
import lid.engine.Tensor;

/**
 * A network of (x_t [B, D], t [B]) -> [B, D] in some parameterisation (eps by default); see
 * {@link lid.models.params.Parameterization}. Implementations are {@link lid.engine.nn.Module}s,
 * whose dotted parameter names are the checkpoint's tensor names.
 */
public interface ScoreNet {
    Tensor forward(Tensor x, Tensor t);

    List<Tensor> parameters();

    /** Parameters by dotted name (the checkpoint layout). */
    Map<String, Tensor> namedParameters();

    /** Ambient dimension D. */
    int dim();

    /** Called after backward, before clipping and the optimizer step (e.g. to project gradients onto a constraint). */
    default void beforeStep() {}

    /** Called after every optimizer step (e.g. to re-orthonormalise constrained parameters). */
    default void afterStep() {}
}
