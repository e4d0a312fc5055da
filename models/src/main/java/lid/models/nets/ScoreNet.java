package lid.models.nets;

import java.util.List;
import lid.engine.Tensor;

/** A network of (x_t [B, D], t [B]) -> [B, D] in some parameterisation (eps by default). */
public interface ScoreNet {
    Tensor forward(Tensor x, Tensor t);

    List<Tensor> parameters();

    /** Ambient dimension D. */
    int dim();
}
