package lid.models.noise;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.models.SpecText;

/** The named noise processes and their options: {@code vp}, {@code ve}, {@code rf}, {@code edm}. */
public final class NoiseProcesses {
    private NoiseProcesses() {}

    /** One process with its options (for help texts and errors). */
    public record Info(String name, String summary, List<ParamInfo> params) {}

    public static List<Info> all() {
        return List.of(
                new Info("vp", "VP-SDE, linear beta; a = exp(-B/2), b = sqrt(1 - exp(-B))",
                        List.of(ParamInfo.of("bmin", "0.1", "beta at t = 0"), ParamInfo.of("bmax", "20", "beta at t = 1"))),
                new Info("ve", "variance exploding; a = 1, b = smin (smax/smin)^t",
                        List.of(ParamInfo.of("smin", "0.01", "sigma at t = 0"), ParamInfo.of("smax", "4", "sigma at t = 1"))),
                new Info("rf", "rectified flow / OT path; a = 1 - t, b = t", List.of()),
                new Info("edm", "EDM; a = 1, b = (smin^(1/rho) + t (smax^(1/rho) - smin^(1/rho)))^rho",
                        List.of(ParamInfo.of("smin", "0.002", "sigma at t = 0"), ParamInfo.of("smax", "80", "sigma at t = 1"),
                                ParamInfo.of("rho", "7", "schedule exponent"))));
    }

    /** A process from its SPEC ({@code vp}, {@code vp:bmin=0.1,bmax=20}, {@code ve:smax=10}, {@code rf}, {@code edm}). */
    public static NoiseProcess parse(String text) {
        SpecText s = SpecText.parse(text, "noise process", "vp or ve:smin=0.01,smax=4");
        Info info = all().stream().filter(i -> i.name().equals(s.name())).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown noise process '" + s.name() + "'; valid: "
                        + all().stream().map(Info::name).collect(Collectors.joining(", "))));
        Params p = new Params(info.name(), info.params(), s.options());
        return switch (info.name()) {
            case "vp" -> new VpSde(p.positive("bmin"), p.positive("bmax"));
            case "ve" -> new VeSde(p.positive("smin"), p.positive("smax"));
            case "rf" -> new RectifiedFlow();
            case "edm" -> new EdmProcess(p.positive("smin"), p.positive("smax"), p.positive("rho"));
            default -> throw new IllegalStateException(info.name());
        };
    }

    /** A number as short exact text (0.1, 20, 1.0E-5). */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
