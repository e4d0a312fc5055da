package lid.estimators;

import lid.datasets.spec.Params;
import lid.engine.Memory;

/**
 * An estimator with its parsed options: one column of {@code lid estimate}.
 *
 * @param estimator the estimator
 * @param options   its validated options ({@link Params#spec()} is the column name)
 */
public record ConfiguredEstimator(LidEstimator estimator, Params options) {

    /** The spec as given, e.g. {@code "mle:k=20"}. */
    public String spec() {
        return options.spec();
    }

    public boolean needsModel() {
        return estimator.needsModel();
    }

    /** Neighbours it will ask for (see {@link LidEstimator#neighbours}). */
    public int neighbours() {
        return estimator.neighbours(options);
    }

    /** Runs it; an estimator that needs a model says so when the input has none. */
    public EstimatorResult run(EstimationInput input) {
        if (estimator.needsModel() && input.model().isEmpty()) {
            throw new IllegalArgumentException("estimator '" + spec() + "' needs a diffusion model: pass --model "
                    + "CKPT.safetensors (or --model oracle for an analytic dataset such as gaussian or molrg)");
        }
        return estimator.estimate(input, options);
    }

    /** A result with its wall time and the peak tensor memory it held above what was live before. */
    public record Measured(EstimatorResult result, double seconds, long peakBytes) {}

    /** Runs it as {@link #run} does, timing it and metering its tensor memory. */
    public Measured measured(EstimationInput input) {
        long start = System.nanoTime();
        EstimatorResult r;
        long peak;
        try (Memory.Measurement mm = Memory.measure()) {
            r = run(input);
            peak = mm.peakAboveStart();
        }
        return new Measured(r, (System.nanoTime() - start) / 1e9, peak);
    }
}
