package lid.estimators.diffusion;

import lid.estimators.EstimationInput;
import lid.estimators.EstimatorModel;
import lid.models.DiffusionModel;

/** A diffusion model (trained network or exact oracle) handed to the model-based estimators. */
public record ModelHandle(DiffusionModel model) implements EstimatorModel {
    @Override
    public int dim() {
        return model.dim();
    }

    @Override
    public String describe() {
        return model.describe();
    }

    /** The model of the input, or a clear error naming the estimator that needs one. */
    static DiffusionModel require(EstimationInput in, String estimator) {
        return in.model()
                .filter(m -> m instanceof ModelHandle)
                .map(m -> ((ModelHandle) m).model())
                .orElseThrow(() -> new IllegalArgumentException("estimator '" + estimator
                        + "' needs a diffusion model: pass --model CKPT.safetensors (from lid train) or --model oracle "
                        + "(exact scores of gaussian/molrg data)"));
    }
}
