package lid.models.noise;

/**
 * A Gaussian path x_t = a(t) x0 + b(t) eps, t in [0, 1] (0 = data). Every parameterisation and
 * estimator is written against a and b only (see ../shared/reference/math.md section 1).
 */
public interface NoiseProcess {
    /** Data scale a(t). */
    double a(double t);

    /** Noise scale b(t). */
    double b(double t);

    /** Short name, e.g. "vp". */
    String name();

    /** Effective variance-exploding noise level b/a. */
    default double sigmaEff(double t) {
        return b(t) / a(t);
    }
}
