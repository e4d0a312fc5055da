package lid.models.noise;

import java.util.Locale;

/**
 * EDM-style path (Karras et al. 2022; math.md 1.5): s_t = 1, gamma_t = sigma(t) with the
 * rho-schedule sigma(t) = (smin^(1/rho) + t (smax^(1/rho) - smin^(1/rho)))^rho, so t uniform in
 * [0, 1] spreads noise levels as EDM's Heun grid does (defaults smin 0.002, smax 80, rho 7).
 */
public record EdmProcess(double sigmaMin, double sigmaMax, double rho) implements NoiseProcess {
    /** {@code edm:smin=..,smax=..,rho=..}. */
    public static final NoiseProcessInfo INFO = new NoiseProcessInfo("edm",
            "EDM; a = 1, b = (smin^(1/rho) + t (smax^(1/rho) - smin^(1/rho)))^rho",
            java.util.List.of(lid.datasets.spec.ParamInfo.of("smin", "0.002", "sigma at t = 0"),
                    lid.datasets.spec.ParamInfo.of("smax", "80", "sigma at t = 1"),
                    lid.datasets.spec.ParamInfo.of("rho", "7", "schedule exponent")),
            p -> new EdmProcess(p.positive("smin"), p.positive("smax"), p.positive("rho")));

    public EdmProcess {
        if (!(sigmaMin > 0) || !(sigmaMax > sigmaMin) || !(rho > 0)) {
            throw new IllegalArgumentException("EDM needs 0 < smin < smax and rho > 0, got " + sigmaMin + ", " + sigmaMax
                    + ", " + rho);
        }
    }

    public static EdmProcess standard() {
        return new EdmProcess(0.002, 80, 7);
    }

    private double lo() {
        return Math.pow(sigmaMin, 1 / rho);
    }

    private double span() {
        return Math.pow(sigmaMax, 1 / rho) - lo();
    }

    @Override
    public double a(double t) {
        return 1;
    }

    @Override
    public double b(double t) {
        return Math.pow(lo() + t * span(), rho);
    }

    @Override
    public double da(double t) {
        return 0;
    }

    @Override
    public double db(double t) {
        return rho * Math.pow(lo() + t * span(), rho - 1) * span();
    }

    @Override
    public String name() {
        return "edm";
    }

    @Override
    public String spec() {
        return String.format(Locale.ROOT, "edm:smin=%s,smax=%s,rho=%s", NoiseProcesses.num(sigmaMin),
                NoiseProcesses.num(sigmaMax), NoiseProcesses.num(rho));
    }
}
