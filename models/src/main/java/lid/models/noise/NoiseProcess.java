package lid.models.noise;

/**
 * A Gaussian path x_t = a(t) x0 + b(t) eps, t in [0, 1] (0 = data). Every parameterisation,
 * sampler and estimator is written against a, b and their time derivatives only
 * (../shared/reference/math.md section 1).
 *
 * <p>The matching forward SDE is dx = f(t) x dt + g(t) dW with f = a'/a and
 * g^2 = d(b^2)/dt - 2 f b^2 = 2 b (b' - f b); samplers use f and g^2.
 */
public interface NoiseProcess {
    /** Data scale a(t). */
    double a(double t);

    /** Noise scale b(t). */
    double b(double t);

    /** da/dt. */
    double da(double t);

    /** db/dt. */
    double db(double t);

    /** Short name, e.g. "vp". */
    String name();

    /** The process with its parameters as a SPEC, e.g. {@code vp:bmin=0.1,bmax=20}; {@link NoiseProcesses#parse} reads it back. */
    String spec();

    /** Effective variance-exploding noise level b/a. */
    default double sigmaEff(double t) {
        return b(t) / a(t);
    }

    /** Drift coefficient f(t) = a'/a of the forward SDE. */
    default double f(double t) {
        return da(t) / a(t);
    }

    /** Squared diffusion coefficient g(t)^2 = 2 b (b' - f b) of the forward SDE. */
    default double g2(double t) {
        double b = b(t);
        return 2 * b * (db(t) - f(t) * b);
    }

    /**
     * Default training time range [tMin, tMax] (t drawn uniformly from it): all of [0, 1] when the
     * process still has noise at t = 0 (b(0) > 0: VE, EDM), else from 1e-5, where the eps-target
     * is still defined (VP: b(0) = 0).
     */
    default double[] trainRange() {
        return new double[] {b(0) > 0 ? 0 : 1e-5, 1};
    }

    /** Default sampling / likelihood range: start at tMax (noise), stop at tMin (data); tMin as for training but 1e-3. */
    default double[] sampleRange() {
        return new double[] {b(0) > 0 ? 0 : 1e-3, 1};
    }
}
