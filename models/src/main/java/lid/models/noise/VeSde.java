package lid.models.noise;

import java.util.Locale;

/**
 * Variance exploding: a = 1, b = sigma(t) = smin (smax/smin)^t (the normal-bundle paper's VE-SDE,
 * math.md 1.4). Note b(0) = smin > 0: t = 0 is the data blurred by smin.
 */
public record VeSde(double sigmaMin, double sigmaMax) implements NoiseProcess {
    /** {@code ve:smin=..,smax=..}. */
    public static final NoiseProcessInfo INFO = new NoiseProcessInfo("ve", "variance exploding; a = 1, b = smin (smax/smin)^t",
            java.util.List.of(lid.datasets.spec.ParamInfo.of("smin", "0.01", "sigma at t = 0"),
                    lid.datasets.spec.ParamInfo.of("smax", "4", "sigma at t = 1")),
            p -> new VeSde(p.positive("smin"), p.positive("smax")));

    public VeSde {
        if (!(sigmaMin > 0) || !(sigmaMax > sigmaMin)) {
            throw new IllegalArgumentException("VE-SDE needs 0 < smin < smax, got " + sigmaMin + ", " + sigmaMax);
        }
    }

    @Override
    public double a(double t) {
        return 1;
    }

    @Override
    public double b(double t) {
        return sigmaMin * Math.pow(sigmaMax / sigmaMin, t);
    }

    @Override
    public double da(double t) {
        return 0;
    }

    @Override
    public double db(double t) {
        return b(t) * Math.log(sigmaMax / sigmaMin);
    }

    @Override
    public String name() {
        return "ve";
    }

    @Override
    public String spec() {
        return String.format(Locale.ROOT, "ve:smin=%s,smax=%s", NoiseProcesses.num(sigmaMin), NoiseProcesses.num(sigmaMax));
    }
}
