package lid.models.train;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The per-sample weight lambda(t) of the DSM loss, stated in eps space
 * (loss_i = lambda ||eps_hat - eps||^2; math.md 2 and 3):
 * <ul>
 *   <li>{@code eps}: lambda = 1 (FLIPD, score-matching-LID, Song et al.'s sigma^2 weighting);</li>
 *   <li>{@code native}: the network's own MSE ||out - target||^2 (flow matching, x0 regression,
 *       the MoLRG loss), i.e. lambda = 1/cOut^2;</li>
 *   <li>{@code x0}: ||x0_hat - x0||^2, lambda = (b/a)^2;</li>
 *   <li>{@code score}: ||s_hat - s||^2, lambda = 1/b^2 (Song et al.'s likelihood-style weighting without g^2).</li>
 * </ul>
 */
public enum Weighting {
    EPS("eps"), NATIVE("native"), X0("x0"), SCORE("score");

    private final String id;

    Weighting(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Weight on ||out - target||^2 given the parameterisation's cOut and the path's a, b. */
    double onNativeError(double cOut, double a, double b) {
        return switch (this) {
            case EPS -> cOut * cOut;
            case NATIVE -> 1;
            case X0 -> cOut * cOut * (b / a) * (b / a);
            case SCORE -> cOut * cOut / (b * b);
        };
    }

    public static Weighting parse(String s) {
        for (Weighting w : values()) {
            if (w.id.equalsIgnoreCase(s.strip())) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown weighting '" + s + "'; valid: "
                + Arrays.stream(values()).map(Weighting::id).collect(Collectors.joining(", ")));
    }
}
