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
 * @param extras    named per-query diagnostics (e.g. ESS values, lPCA spectra sizes, {@link #SE}); may be empty
 */
public record EstimatorResult(String spec, double[] pointwise, double global, Map<String, double[]> extras) {
    /**
     * The extra holding each point's Monte-Carlo standard error, for estimators that average
     * noise draws or probes (the CSV's {@code se(SPEC)} column).
     */
    public static final String SE = "se";

    public EstimatorResult {
        Objects.requireNonNull(spec, "spec");
        extras = Map.copyOf(extras);
    }

    public EstimatorResult(String spec, double[] pointwise, double global) {
        this(spec, pointwise, global, Map.of());
    }

    /** The per-point Monte-Carlo standard errors, or null when the estimator has none. */
    public double[] standardErrors() {
        return extras.get(SE);
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
