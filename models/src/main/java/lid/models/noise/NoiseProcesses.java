package lid.models.noise;

import java.util.List;
import java.util.Locale;
import lid.datasets.spec.Params;
import lid.datasets.spec.Registry;
import lid.datasets.spec.Spec;
import lid.datasets.spec.SpecParser;

/**
 * The named noise processes and their options: {@code vp}, {@code ve}, {@code rf}, {@code edm}; a
 * registry of {@link NoiseProcessInfo} records (adding one: its class with an INFO record, one line).
 */
public final class NoiseProcesses {
    private NoiseProcesses() {}

    private static final Registry<NoiseProcessInfo> REGISTRY = new Registry<>("noise process", List.of(
            VpSde.INFO,
            VeSde.INFO,
            RectifiedFlow.INFO,
            EdmProcess.INFO), NoiseProcessInfo::name);

    public static List<NoiseProcessInfo> all() {
        return REGISTRY.all();
    }

    /** A process from its SPEC ({@code vp}, {@code vp:bmin=0.1,bmax=20}, {@code ve:smax=10}, {@code rf}, {@code edm}). */
    public static NoiseProcess parse(String text) {
        Spec s = SpecParser.parseOne(text, "noise process");
        NoiseProcessInfo info = REGISTRY.find(s.name());
        return info.builder().apply(new Params("noise process", info.name(), text, info.params(), s.params()));
    }

    /** A number as short exact text (0.1, 20, 1.0E-5). */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
