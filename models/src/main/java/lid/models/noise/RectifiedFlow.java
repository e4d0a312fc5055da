package lid.models.noise;

/**
 * Rectified flow / OT path: a = 1 - t, b = t (math.md 1.3). The drift f = -1/(1 - t) is singular
 * at t = 1, so sampling starts just below it.
 */
public record RectifiedFlow() implements NoiseProcess {
    /** {@code rf}. */
    public static final NoiseProcessInfo INFO = new NoiseProcessInfo("rf", "rectified flow / OT path; a = 1 - t, b = t",
            java.util.List.of(), p -> new RectifiedFlow());

    // Training starts just above t = 0, where b = 0 and eps-space weights of x0 models blow up.
    @Override
    public double a(double t) {
        return 1 - t;
    }

    @Override
    public double b(double t) {
        return t;
    }

    @Override
    public double da(double t) {
        return -1;
    }

    @Override
    public double db(double t) {
        return 1;
    }

    @Override
    public double[] trainRange() {
        return new double[] {1e-5, 1};
    }

    @Override
    public double[] sampleRange() {
        return new double[] {1e-3, 1 - 1e-3};
    }

    @Override
    public String name() {
        return "rf";
    }

    @Override
    public String spec() {
        return "rf";
    }
}
