package lid.models.nets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lid.datasets.ImageShape;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.datasets.spec.Registry;
import lid.datasets.spec.Spec;
import lid.datasets.spec.SpecParser;
import lid.kernels.RandomKeys;
import lid.models.noise.NoiseProcess;
import lid.models.params.Parameterization;

/**
 * The ARCH names of {@code lid train --model ARCH}: a registry of {@link ArchitectureInfo} records,
 * each holding its builder. {@link #resolve} fills in every default (some depend on the data:
 * widths from D, image shape, MoLRG ranks), so the resolved text stored in a checkpoint rebuilds
 * the same network from the file alone. Adding an architecture: its class with an INFO record, and
 * one line in the list below.
 */
public final class Architectures {
    private Architectures() {}

    private static final Registry<ArchitectureInfo> REGISTRY = new Registry<>("architecture", List.of(
            MlpScoreNet.INFO,
            MlpUnet.INFO,
            SmMlp.INFO,
            Unet.INFO,
            MolrgDenoiser.INFO), ArchitectureInfo::name);

    /** What building needs besides the ARCH: data shape, the noise process (MoLRG), the init seed. */
    public record Context(int dim, ImageShape image, int[] mixtureRanks, NoiseProcess process, long seed) {}

    public static List<ArchitectureInfo> all() {
        return REGISTRY.all();
    }

    public static String names() {
        return REGISTRY.names();
    }

    /** The architecture of a name, or an error listing every architecture with its options. */
    public static ArchitectureInfo find(String name) {
        try {
            return REGISTRY.find(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (options: " + all().stream().map(i -> i.name() + ":"
                    + i.params().stream().map(ParamInfo::name).collect(Collectors.joining("|"))).collect(Collectors.joining("; "))
                    + ")");
        }
    }

    /** The parameterisation an architecture forces (MoLRG predicts x0), or null. */
    public static Parameterization forcedParameterization(String arch) {
        return find(SpecParser.nameOf(arch)).forced();
    }

    /** A network and its ARCH with every option explicit (what a checkpoint records). */
    public record Built(String arch, ScoreNet net) {}

    /** Builds the network of an ARCH, resolving every default for this context. */
    public static Built resolve(String arch, Context ctx) {
        Spec s = SpecParser.parseOne(arch, "architecture");
        ArchitectureInfo info = find(s.name());
        Params p = new Params("architecture", info.name(), arch, info.params(), s.params());
        Map<String, String> out = new LinkedHashMap<>();
        for (ParamInfo pi : info.params()) {
            if (p.raw(pi.name()) != null) {
                out.put(pi.name(), p.raw(pi.name()));
            }
        }
        info.defaults().fill(p, ctx, out);
        String resolved = out.isEmpty() ? info.name() : info.name() + ":" + out.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        return new Built(resolved, build(resolved, ctx));
    }

    /** Builds the network of a resolved (or partial) ARCH; its weights come from the key (seed, WEIGHT_INIT). */
    public static ScoreNet build(String arch, Context ctx) {
        Spec s = SpecParser.parseOne(arch, "architecture");
        ArchitectureInfo info = find(s.name());
        Params p = new Params("architecture", info.name(), arch, info.params(), s.params());
        return info.builder().build(p, ctx, RandomKeys.key(ctx.seed(), RandomKeys.Purpose.WEIGHT_INIT));
    }
}
