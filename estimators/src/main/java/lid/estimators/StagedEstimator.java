package lid.estimators;

import lid.datasets.spec.Params;

/**
 * An estimator split into an expensive, cacheable artifact and a cheap final step
 * (dgm_geometry's design): e.g. local PCA spectra, then a threshold rule; per-point ESS values,
 * then the inversion; calibration statistics, then the KL minimisation. The artifact lives in
 * the input's {@link ArtifactCache} under {@link #artifactKey}, which must name exactly the
 * options the artifact depends on, so options that only affect {@link #finish} can be swept for
 * free.
 *
 * @param <A> the artifact type
 */
public interface StagedEstimator<A> extends LidEstimator {

    /** Cache key of the artifact for these options (a record including the estimator name). */
    Object artifactKey(Params options);

    /** The expensive step. */
    A computeArtifact(EstimationInput input, Params options);

    /** The cheap step: results from the artifact and the remaining options. */
    EstimatorResult finish(EstimationInput input, A artifact, Params options);

    /** The artifact for these options, from the cache or freshly computed. */
    default A artifact(EstimationInput input, Params options) {
        return input.cache().get(artifactKey(options), () -> computeArtifact(input, options));
    }

    @Override
    default EstimatorResult estimate(EstimationInput input, Params options) {
        return finish(input, artifact(input, options), options);
    }
}
