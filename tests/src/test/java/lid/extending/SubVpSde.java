package lid.extending;

import java.util.List;
import java.util.Locale;
import lid.datasets.spec.ParamInfo;
import lid.models.noise.NoiseProcess;
import lid.models.noise.NoiseProcessInfo;

/**
 * Worked example of docs/extending.md (a noise process): the sub-VP SDE of Song et al. 2021,
 * a = exp(-B/2), b = 1 - exp(-B) with B(t) = bmin t + (bmax - bmin) t^2 / 2: the same mean as
 * the VP-SDE, a smaller variance at every t. da = -beta a / 2 and db = beta a^2, beta = B'.
 */
public record SubVpSde(double betaMin, double betaMax) implements NoiseProcess {
    public static final NoiseProcessInfo INFO = new NoiseProcessInfo("subvp",
            "sub-VP SDE, linear beta; a = exp(-B/2), b = 1 - exp(-B)",
            List.of(ParamInfo.real("bmin", "0.1", "beta at t = 0").range(1e-9, null),
                    ParamInfo.real("bmax", "20", "beta at t = 1").range(1e-9, null)),
            p -> new SubVpSde(p.real("bmin"), p.real("bmax")));

    public SubVpSde {
        if (!(betaMax > betaMin)) {
            throw new IllegalArgumentException("sub-VP SDE needs bmin < bmax, got " + betaMin + ", " + betaMax);
        }
    }

    private double bigB(double t) {
        return betaMin * t + (betaMax - betaMin) * t * t / 2;
    }

    private double beta(double t) {
        return betaMin + (betaMax - betaMin) * t;
    }

    @Override
    public double a(double t) {
        return Math.exp(-bigB(t) / 2);
    }

    @Override
    public double b(double t) {
        return -Math.expm1(-bigB(t));
    }

    @Override
    public double da(double t) {
        return -beta(t) * a(t) / 2;
    }

    @Override
    public double db(double t) {
        return beta(t) * Math.exp(-bigB(t));
    }

    @Override
    public String name() {
        return "subvp";
    }

    @Override
    public String spec() {
        return String.format(Locale.ROOT, "subvp:bmin=%s,bmax=%s", betaMin, betaMax);
    }
}
