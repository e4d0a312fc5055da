package lid.models.noise;

import java.util.Locale;

/**
 * VP-SDE with linear beta: beta(t) = bmin + (bmax - bmin) t, B(t) = bmin t + (bmax - bmin) t^2 / 2,
 * a = psi(t) = exp(-B/2), b = sigma(t) = sqrt(1 - exp(-B)). Defaults bmin = 0.1, bmax = 20.
 */
public record VpSde(double betaMin, double betaMax) implements NoiseProcess {
    /** {@code vp:bmin=..,bmax=..}. */
    public static final NoiseProcessInfo INFO = new NoiseProcessInfo("vp", "VP-SDE, linear beta; a = exp(-B/2), b = sqrt(1 - exp(-B))",
            java.util.List.of(lid.datasets.spec.ParamInfo.of("bmin", "0.1", "beta at t = 0"),
                    lid.datasets.spec.ParamInfo.of("bmax", "20", "beta at t = 1")),
            p -> new VpSde(p.positive("bmin"), p.positive("bmax")));

    public VpSde {
        if (!(betaMin > 0) || !(betaMax > betaMin)) {
            throw new IllegalArgumentException("VP-SDE needs 0 < betaMin < betaMax, got " + betaMin + ", " + betaMax);
        }
    }

    public static VpSde standard() {
        return new VpSde(0.1, 20);
    }

    public double beta(double t) {
        return betaMin + (betaMax - betaMin) * t;
    }

    /** B(t) = integral of beta from 0 to t. */
    public double integral(double t) {
        return betaMin * t + 0.5 * (betaMax - betaMin) * t * t;
    }

    @Override
    public double a(double t) {
        return Math.exp(-0.5 * integral(t));
    }

    @Override
    public double b(double t) {
        return Math.sqrt(-Math.expm1(-integral(t)));
    }

    @Override
    public double da(double t) {
        return -0.5 * beta(t) * a(t);
    }

    /** d/dt sqrt(1 - e^-B) = beta e^-B / (2 b). */
    @Override
    public double db(double t) {
        return 0.5 * beta(t) * Math.exp(-integral(t)) / b(t);
    }

    @Override
    public double f(double t) {
        return -0.5 * beta(t);
    }

    @Override
    public double g2(double t) {
        return beta(t);
    }

    /** log(sigma/psi) = log(e^B - 1)/2. */
    public double delta(double t) {
        return 0.5 * Math.log(Math.expm1(integral(t)));
    }

    @Override
    public String name() {
        return "vp";
    }

    @Override
    public String spec() {
        return String.format(Locale.ROOT, "vp:bmin=%s,bmax=%s", NoiseProcesses.num(betaMin), NoiseProcesses.num(betaMax));
    }
}
