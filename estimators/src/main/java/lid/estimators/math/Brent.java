package lid.estimators.math;

import java.util.function.DoubleUnaryOperator;

/** Brent's root finder (inverse quadratic interpolation, secant and bisection). */
public final class Brent {
    private Brent() {}

    /**
     * A root of f in [a, b], where f(a) and f(b) have opposite signs (or one is zero), to
     * absolute tolerance about 4 eps |x| + tol.
     */
    public static double root(DoubleUnaryOperator f, double a, double b, double tol) {
        double fa = f.applyAsDouble(a);
        double fb = f.applyAsDouble(b);
        if (fa == 0) {
            return a;
        }
        if (fb == 0) {
            return b;
        }
        if (Double.isNaN(fa) || Double.isNaN(fb) || (fa > 0) == (fb > 0)) {
            throw new IllegalArgumentException("Brent: f(" + a + ") = " + fa + " and f(" + b + ") = " + fb
                    + " do not bracket a root");
        }
        double c = a;
        double fc = fa;
        double d = b - a;
        double e = d;
        for (int iter = 0; iter < 500; iter++) {
            if ((fb > 0) == (fc > 0)) {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tol1 = 2 * Math.ulp(1.0) * Math.abs(b) + 0.5 * tol;
            double xm = 0.5 * (c - b);
            if (Math.abs(xm) <= tol1 || fb == 0) {
                return b;
            }
            if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
                double s = fb / fa;
                double p;
                double q;
                if (a == c) {
                    p = 2 * xm * s;
                    q = 1 - s;
                } else {
                    double qq = fa / fc;
                    double r = fb / fc;
                    p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
                    q = (qq - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) {
                    q = -q;
                }
                p = Math.abs(p);
                double min1 = 3 * xm * q - Math.abs(tol1 * q);
                double min2 = Math.abs(e * q);
                if (2 * p < Math.min(min1, min2)) {
                    e = d;
                    d = p / q;
                } else {
                    d = xm;
                    e = d;
                }
            } else {
                d = xm;
                e = d;
            }
            a = b;
            fa = fb;
            b += Math.abs(d) > tol1 ? d : Math.copySign(tol1, xm);
            fb = f.applyAsDouble(b);
        }
        return b;
    }
}
