package lid.datasets.generators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lid.datasets.spec.ParamInfo;

/** The options every generator accepts, applied after it (see {@link PostProcessing}). */
public final class CommonOptions {
    private CommonOptions() {}

    public static final String D = "D";
    public static final String EMBED = "embed";
    public static final String NOISE = "noise";
    public static final String NOISE_TYPE = "noise_type";
    public static final String STANDARDIZE = "standardize";
    public static final String NORMALIZE = "normalize";
    public static final String WEIGHT = "weight";
    public static final String INSTANCE = "instance";

    private static final List<ParamInfo> ALL = List.of(
            ParamInfo.of(D, null, "ambient dimension: place the points in R^D (default: the generator's own dimension; D must not be smaller)"),
            ParamInfo.of(EMBED, "pad", "pad = append zero coordinates, rotate = a Haar-random isometry R^native -> R^D"),
            ParamInfo.of(NOISE, "0", "standard deviation (gaussian) or width (uniform) of additive ambient noise"),
            ParamInfo.of(NOISE_TYPE, "gaussian", "gaussian = noise*N(0,1); uniform = noise*(U[0,1)-0.5) as skdim"),
            ParamInfo.of(STANDARDIZE, "false", "z-score every coordinate over the dataset (unbiased std; constant coordinates only centred)"),
            ParamInfo.of(NORMALIZE, "false", "score-matching-lid normalisation: centre, divide by (max coordinate std + 1e-5)"),
            ParamInfo.of(WEIGHT, "1", "share of the points in a union A+B+... (relative)"),
            ParamInfo.of(INSTANCE, "0", "which manifold of the family: every random part of the manifold (embeddings, rotations, "
                    + "frames, flow weights, bases, standardisation constants) is drawn from it; --seed only draws the points"));

    /** The common options with the generator's own defaults; D is left out when the generator owns it. */
    public static List<ParamInfo> forGenerator(GeneratorInfo info) {
        List<ParamInfo> out = new ArrayList<>();
        boolean ownsD = info.ownsD();
        Map<String, String> overrides = info.commonDefaults();
        for (ParamInfo p : ALL) {
            if (p.name().equals(D) && ownsD) {
                continue;
            }
            out.add(overrides.containsKey(p.name()) ? p.withDefault(overrides.get(p.name())) : p);
        }
        return out;
    }

    /** All common options with their global defaults. */
    public static List<ParamInfo> all() {
        return ALL;
    }
}
