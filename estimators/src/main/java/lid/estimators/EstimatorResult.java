package lid.estimators;

import java.util.Map;
import java.util.Objects;

/**
 * What one estimator column produced.
 *
 * @param spec      the estimator spec as given ({@code "mle:k=20"}): the column name
 * @param pointwise one estimate per query point, in query order, or null when the estimator
 *                  only has a global estimate (or pointwise estimation was switched off)
 * @param global    the estimate for the data set as a whole (the comb of the pointwise values
 *                  for local estimators), NaN when the method has none
 * @param extras    named per-query diagnostics (e.g. ESS values, lPCA spectra sizes); may be empty
 */
public record EstimatorResult(String spec, double[] pointwise, double global, Map<String, double[]> extras) {
    public EstimatorResult {
        Objects.requireNonNull(spec, "spec");
        extras = Map.copyOf(extras);
    }

    public EstimatorResult(String spec, double[] pointwise, double global) {
        this(spec, pointwise, global, Map.of());
    }

    public boolean hasPointwise() {
        return pointwise != null;
    }

    /** The pointwise estimates, or the global one repeated n times when there are none. */
    public double[] pointwiseOrGlobal(int n) {
        if (pointwise != null) {
            return pointwise;
        }
        double[] v = new double[n];
        java.util.Arrays.fill(v, global);
        return v;
    }
}
