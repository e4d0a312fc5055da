package lid.datasets.generators;

/** The special functions the generators need (skdim's hyperBall uses the regularised gamma P). */
public final class SpecialFunctions {
    private SpecialFunctions() {}

    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};

    /** ln Gamma(x) for x > 0 (Lanczos, g = 7; about 1e-15 relative). */
    public static double lnGamma(double x) {
        if (x < 0.5) {
            // reflection: Gamma(x) Gamma(1-x) = pi / sin(pi x)
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
        }
        x -= 1;
        double a = LANCZOS[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += LANCZOS[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** The regularised lower incomplete gamma P(a, x) = gamma(a, x) / Gamma(a), a > 0, x >= 0. */
    public static double regularizedGammaP(double a, double x) {
        if (!(a > 0) || x < 0 || Double.isNaN(x)) {
            throw new IllegalArgumentException("P(a, x) needs a > 0 and x >= 0, got a=" + a + ", x=" + x);
        }
        if (x == 0) {
            return 0;
        }
        double logPrefix = -x + a * Math.log(x) - lnGamma(a);
        if (x < a + 1) {
            // series: P = e^-x x^a / Gamma(a+1) * sum x^k / ((a+1)...(a+k))
            double term = 1 / a;
            double sum = term;
            for (int k = 1; k < 10_000; k++) {
                term *= x / (a + k);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * 1e-17) {
                    break;
                }
            }
            return Math.min(1, sum * Math.exp(logPrefix));
        }
        // continued fraction for Q (modified Lentz), P = 1 - Q
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.max(0, 1 - Math.exp(logPrefix) * h);
    }
}
