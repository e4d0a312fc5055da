package lid.models.params;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a network predicts, for the path x = a x0 + b eps (math.md section 2). Every
 * parameterisation is linear in (network output, x) and its training target is linear in
 * (x0, eps); both sets of coefficients live here, the only place that knows them:
 * <pre>
 *   eps_hat = cOut * out + cX * x          target = tX0 * x0 + tEps * eps
 *   eps     a=1 b=0 ...                    (see each constant)
 * </pre>
 * Because cOut * target + cX * x = eps exactly, eps_hat - eps = cOut (out - target): a loss on
 * the network's own error is an eps-space loss with the per-sample weight cOut^2.
 */
public enum Parameterization {
    /** out = eps_hat. */
    EPS("eps"),
    /** out = score; eps_hat = -b out. */
    SCORE("score"),
    /** out = x0_hat (denoiser / DAE); eps_hat = (x - a out) / b. */
    X0("x0"),
    /** out = v = a eps - b x0 (VP v-prediction when a^2 + b^2 = 1); eps_hat = (a out + b x) / (a^2 + b^2). */
    V("v"),
    /** out = velocity dx/dt = a' x0 + b' eps (rectified flow: eps - x0); eps_hat = (a out - a' x) / (a b' - a' b). */
    FLOW("flow");

    private final String id;

    Parameterization(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Coefficients of a linear combination of two vectors. */
    public record Pair(double first, double second) {}

    /** (cOut, cX) with eps_hat = cOut * out + cX * x, at a time with a, b, a' = da, b' = db. */
    public Pair toEps(double a, double b, double da, double db) {
        return switch (this) {
            case EPS -> new Pair(1, 0);
            case SCORE -> new Pair(-b, 0);
            case X0 -> new Pair(-a / b, 1 / b);
            case V -> new Pair(a / (a * a + b * b), b / (a * a + b * b));
            case FLOW -> {
                double det = a * db - da * b;
                yield new Pair(a / det, -da / det);
            }
        };
    }

    /** (tX0, tEps) with target = tX0 * x0 + tEps * eps. */
    public Pair target(double a, double b, double da, double db) {
        return switch (this) {
            case EPS -> new Pair(0, 1);
            case SCORE -> new Pair(0, -1 / b);
            case X0 -> new Pair(1, 0);
            case V -> new Pair(-b, a);
            case FLOW -> new Pair(da, db);
        };
    }

    public static Parameterization parse(String s) {
        for (Parameterization p : values()) {
            if (p.id.equalsIgnoreCase(s.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown parameterisation '" + s + "'; valid: "
                + Arrays.stream(values()).map(Parameterization::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
