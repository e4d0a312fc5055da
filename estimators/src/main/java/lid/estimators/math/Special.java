package lid.estimators.math;

/**
 * Special functions the classical estimators need: ln Gamma, digamma (DANCo's KL), modified
 * Bessel I0 and I1 (DANCo's von Mises KL) and the principal Lambert W (FisherS). Each is
 * accurate to a few ulps over the range the estimators use; tests check them against
 * high-precision reference values.
 */
public final class Special {
    private Special() {}

    /** ln Gamma(x), x > 0. */
    public static double lnGamma(double x) {
        return lid.datasets.generators.SpecialFunctions.lnGamma(x);
    }

    /** Digamma psi(x) = d/dx ln Gamma(x) for x > 0 (recurrence up to x >= 10, then the asymptotic series). */
    public static double digamma(double x) {
        if (!(x > 0)) {
            if (x == Math.rint(x) || Double.isNaN(x)) {
                return Double.NaN;
            }
            // reflection: psi(1 - x) - psi(x) = pi cot(pi x)
            return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
        }
        double acc = 0;
        while (x < 10) {
            acc -= 1 / x;
            x += 1;
        }
        double inv = 1 / x;
        double inv2 = inv * inv;
        // psi(x) ~ ln x - 1/(2x) - sum B_2k / (2k x^2k)
        double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
                - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 / 12))))));
        return acc + Math.log(x) - 0.5 * inv - series;
    }

    /** Modified Bessel function of the first kind, order 0; +Infinity when it overflows (as scipy). */
    public static double besselI0(double x) {
        return besselI(0, Math.abs(x));
    }

    /** Modified Bessel function of the first kind, order 1; overflow gives +-Infinity. */
    public static double besselI1(double x) {
        double v = besselI(1, Math.abs(x));
        return x < 0 ? -v : v;
    }

    /** I_nu(x) for nu in {0, 1}, x >= 0: power series below 30 (positive terms), asymptotic series above. */
    private static double besselI(int nu, double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 30) {
            double h = 0.5 * x;
            double q = h * h;
            double term = nu == 0 ? 1 : h;
            double sum = term;
            for (int k = 1; k < 500; k++) {
                term *= q / ((double) k * (k + nu));
                sum += term;
                if (term < sum * 1e-17) {
                    break;
                }
            }
            return sum;
        }
        double mu = 4.0 * nu * nu;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 200; k++) {
            double f = (2.0 * k - 1) * (2.0 * k - 1);
            double next = term * -(mu - f) / (8.0 * k * x);
            if (Math.abs(next) >= Math.abs(term)) {
                break; // asymptotic series: stop at the smallest term
            }
            term = next;
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * 1e-17) {
                break;
            }
        }
        // exp(x) first, as scipy's cephes does, so it overflows to Infinity at the same place
        return Math.exp(x) * (sum / Math.sqrt(2 * Math.PI * x));
    }

    /** Principal branch W0 of the Lambert W function for real z >= -1/e (Halley iteration). */
    public static double lambertW0(double z) {
        if (Double.isNaN(z) || z < -1 / Math.E) {
            return Double.NaN;
        }
        if (z == 0) {
            return 0;
        }
        if (Double.isInfinite(z)) {
            return Double.POSITIVE_INFINITY;
        }
        double w;
        if (z < -0.25) {
            // near the branch point: series in p = sqrt(2 (e z + 1))
            double p = Math.sqrt(2 * (Math.E * z + 1));
            w = -1 + p - p * p / 3 + 11.0 / 72 * p * p * p;
        } else if (z < 3) {
            w = Math.log1p(z) * (1 - Math.log1p(Math.log1p(z)) / (2 + Math.log1p(z)));
        } else {
            double l1 = Math.log(z);
            double l2 = Math.log(l1);
            w = l1 - l2 + l2 / l1;
        }
        for (int it = 0; it < 100; it++) {
            double ew = Math.exp(w);
            double f = w * ew - z;
            double wp1 = w + 1;
            if (wp1 == 0) {
                break;
            }
            double step = f / (ew * wp1 - (w + 2) * f / (2 * wp1));
            double next = w - step;
            if (!Double.isFinite(next)) {
                break;
            }
            if (Math.abs(next - w) <= 1e-15 * (1 + Math.abs(next))) {
                return next;
            }
            w = next;
        }
        return w;
    }
}
