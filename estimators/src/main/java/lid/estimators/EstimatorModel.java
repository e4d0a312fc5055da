package lid.estimators;

/**
 * The hook for model-based estimators (dsm, eb, ism, flipd, nb, lidl, fpregress, cfdm): a
 * trained or analytic diffusion model handed to an estimator through
 * {@link EstimationInput#model()}. Model-based estimators define what they need behind it
 * (score network, noise process, parameterisation); model-free estimators ignore it.
 */
public interface EstimatorModel {
    /** Ambient dimension D the model works in; must equal the data's. */
    int dim();

    /** One line for logs and summaries, e.g. "MLP 100-512x4-100 (VP-SDE, eps)". */
    String describe();
}
