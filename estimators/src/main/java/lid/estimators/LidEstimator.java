package lid.estimators;

import lid.datasets.spec.Params;
import lid.datasets.spec.ParamInfo;

import java.util.List;

/**
 * A local intrinsic dimension estimator, model-free or model-based.
 *
 * <p>Contract: {@link #estimate} returns one value per query point of the input (in query
 * order) and/or a global value; it reads its hyperparameters from {@link Params} already
 * validated against {@link #options()}. Expensive intermediate results go through the input's
 * {@link ArtifactCache} (see {@link StagedEstimator}), so running the same estimator again with
 * a different cheap hyperparameter costs only the final step. Implementations are stateless and
 * thread-safe.
 */
public interface LidEstimator {

    /** The binding name of the command-line contract ({@code mle}, {@code twonn}, ...). */
    String name();

    /** One line for help texts. */
    String description();

    /** The options it accepts, with defaults. */
    List<ParamInfo> options();

    /** True for estimators that need a diffusion model ({@link EstimationInput#model()}). */
    default boolean needsModel() {
        return false;
    }

    /**
     * Neighbours per query point this estimator will ask the input's kNN graph for with these
     * options (0 = none), so a caller running several estimators can build the graph once with
     * the largest k.
     */
    default int neighbours(Params options) {
        return 0;
    }

    /** Runs the estimator. Bad options or data that do not fit give IllegalArgumentException. */
    EstimatorResult estimate(EstimationInput input, Params options);

    /** Parses {@code spec} ("name:key=value:...") against this estimator's options. */
    default Params parse(String spec) {
        String name = lid.datasets.spec.SpecParser.nameOf(spec);
        if (!name.equals(name())) {
            throw new IllegalArgumentException("spec '" + spec + "' is not for estimator '" + name() + "'");
        }
        return Params.parse("estimator", spec, options());
    }
}
