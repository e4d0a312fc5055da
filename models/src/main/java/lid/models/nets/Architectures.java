package lid.models.nets;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lid.datasets.ImageShape;
import lid.kernels.RandomKeys;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.models.SpecText;
import lid.models.noise.NoiseProcess;
import lid.models.params.Parameterization;

/**
 * The ARCH names of {@code lid train --model ARCH} with their options, and the one place that
 * builds a network from an ARCH. {@link #resolve} fills in every default (some depend on the
 * data: widths from D, image shape, MoLRG ranks), so the resolved text stored in a checkpoint
 * rebuilds the same network from the file alone.
 */
public final class Architectures {
    private Architectures() {}

    /** One architecture: name, what it is, its options. */
    public record Info(String name, String summary, List<ParamInfo> params) {}

    /** What building needs besides the ARCH: data shape, the noise process (MoLRG), the init seed. */
    public record Context(int dim, ImageShape image, int[] mixtureRanks, NoiseProcess process, long seed) {}

    public static List<Info> all() {
        return List.of(
                new Info("mlp", "MLP: [x, sinusoidal(t)] -> (Linear [-> LayerNorm] -> SiLU) per width -> Linear(D)",
                        List.of(ParamInfo.of("widths", "512-512-512-512", "hidden widths, dash-separated"),
                                ParamInfo.of("temb", "128", "time embedding width (0 = no time input)"),
                                ParamInfo.of("ln", "false", "LayerNorm after every hidden Linear"))),
                new Info("mlp-unet", "FLIPD MLPUnet: encoder of widths, decoder with [skip, current] concatenations (benchmarks.md 2.4)",
                        List.of(ParamInfo.of("widths", "4096-2048-1024-1024-512-512", "encoder widths (at least two)"),
                                ParamInfo.of("temb", "128", "time embedding width"))),
                new Info("sm-mlp", "score-matching-LID MLP: depth x (Linear -> LayerNorm -> SiLU) of width max(2D, 128), "
                        + "conditioning MLP on Fourier time features (benchmarks.md 1.3)",
                        List.of(ParamInfo.of("width", null, "hidden width (default max(2D, 128))"),
                                ParamInfo.of("depth", "4", "hidden layers"),
                                ParamInfo.of("time", "64", "Fourier time feature width"),
                                ParamInfo.of("class", "64", "class embedding width (unconditional)"))),
                new Info("unet", "small image UNet: conv, group norm, SiLU, avg-pool down / nearest up, skips, "
                        + "optional self-attention at the lowest resolution (image datasets, or give c/h/w)",
                        List.of(ParamInfo.of("ch", "32", "base channels"),
                                ParamInfo.of("mult", "1-2", "channel multiplier per level (levels = its length)"),
                                ParamInfo.of("blocks", "1", "residual blocks per level"),
                                ParamInfo.of("attn", "true", "self-attention at the lowest resolution"),
                                ParamInfo.of("groups", "8", "group-norm groups"),
                                ParamInfo.of("temb", "128", "time embedding width"),
                                ParamInfo.of("c", null, "image channels (default: the dataset's)"),
                                ParamInfo.of("h", null, "image height (default: the dataset's)"),
                                ParamInfo.of("w", null, "image width (default: the dataset's)"))),
                new Info("molrg", "MoLRG low-rank denoiser (x0-prediction): learnable orthonormal bases U_k, softmax weights "
                        + "with the noise-dependent inverse temperature (math.md 7.3)",
                        List.of(ParamInfo.of("dims", null, "dimension of each component, dash-separated "
                                + "(default: the ranks of a molrg/gaussian dataset's mixture)"))));
    }

    public static String names() {
        return all().stream().map(Info::name).collect(Collectors.joining(", "));
    }

    public static Info find(String name) {
        return all().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown model architecture '" + name + "'; valid: " + names()
                        + " (options: " + all().stream().map(i -> i.name() + ":" + i.params().stream().map(ParamInfo::name)
                        .collect(Collectors.joining("|"))).collect(Collectors.joining("; ")) + ")"));
    }

    /** The parameterisation an architecture forces (MoLRG predicts x0), or null. */
    public static Parameterization forcedParameterization(String arch) {
        return SpecText.parse(arch, "ARCH", "mlp").name().equals("molrg") ? Parameterization.X0 : null;
    }

    /** A network and its ARCH with every option explicit (what a checkpoint records). */
    public record Built(String arch, ScoreNet net) {}

    /** Builds the network of an ARCH, resolving every default for this context. */
    public static Built resolve(String arch, Context ctx) {
        SpecText s = SpecText.parse(arch, "ARCH", "mlp:widths=256-256,ln=true");
        Info info = find(s.name());
        Params p = new Params(info.name(), info.params(), s.options());
        Map<String, String> out = new LinkedHashMap<>();
        for (ParamInfo pi : info.params()) {
            if (p.raw(pi.name()) != null) {
                out.put(pi.name(), p.raw(pi.name()));
            }
        }
        switch (info.name()) {
            case "sm-mlp" -> out.putIfAbsent("width", Integer.toString(Math.max(2 * ctx.dim(), 128)));
            case "unet" -> {
                if (!p.has("c") || !p.has("h") || !p.has("w")) {
                    if (ctx.image() == null) {
                        throw new IllegalArgumentException("unet needs image data (e.g. --data blobs) or the image shape as "
                                + "unet:c=C,h=H,w=W with C*H*W = D = " + ctx.dim());
                    }
                    out.putIfAbsent("c", Integer.toString(ctx.image().channels()));
                    out.putIfAbsent("h", Integer.toString(ctx.image().height()));
                    out.putIfAbsent("w", Integer.toString(ctx.image().width()));
                }
            }
            case "molrg" -> {
                if (!p.has("dims")) {
                    if (ctx.mixtureRanks() == null) {
                        throw new IllegalArgumentException("molrg needs the component dimensions: molrg:dims=4-8 "
                                + "(they default only for datasets with an exact mixture, e.g. molrg:D=48,dims=4-8)");
                    }
                    out.put("dims", Arrays.stream(ctx.mixtureRanks()).mapToObj(Integer::toString).collect(Collectors.joining("-")));
                }
            }
            default -> { }
        }
        String resolved = new SpecText(info.name(), out).toString();
        return new Built(resolved, build(resolved, ctx));
    }

    /** Builds the network of a resolved (or partial) ARCH. */
    public static ScoreNet build(String arch, Context ctx) {
        SpecText s = SpecText.parse(arch, "ARCH", "mlp:widths=256-256,ln=true");
        Info info = find(s.name());
        Params p = new Params(info.name(), info.params(), s.options());
        int dim = ctx.dim();
        // the networks draw their weights from Philox key (seed, WEIGHT_INIT), not from the seed itself
        long seed = RandomKeys.key(ctx.seed(), RandomKeys.Purpose.WEIGHT_INIT);
        return switch (info.name()) {
            case "mlp" -> new MlpScoreNet(dim, p.intList("widths", 1), p.integer("temb", 0), p.bool("ln"), seed);
            case "mlp-unet" -> new MlpUnet(dim, p.intList("widths", 1), p.integer("temb", 2), seed);
            case "sm-mlp" -> new SmMlp(dim, p.has("width") ? p.integer("width", 1) : Math.max(2 * dim, 128),
                    p.integer("depth", 1), p.integer("time", 2), p.integer("class", 0), seed);
            case "unet" -> {
                ImageShape img = p.has("c") && p.has("h") && p.has("w")
                        ? new ImageShape(p.integer("c", 1), p.integer("h", 1), p.integer("w", 1)) : ctx.image();
                if (img == null) {
                    throw new IllegalArgumentException("unet needs image data or unet:c=C,h=H,w=W");
                }
                if (img.size() != dim) {
                    throw new IllegalArgumentException("unet image " + img.channels() + "x" + img.height() + "x" + img.width()
                            + " holds " + img.size() + " values but the data has D = " + dim);
                }
                yield new Unet(img, p.integer("ch", 1), p.intList("mult", 1), p.integer("blocks", 1), p.bool("attn"),
                        p.integer("groups", 1), p.integer("temb", 2), seed);
            }
            case "molrg" -> {
                if (!p.has("dims")) {
                    if (ctx.mixtureRanks() == null) {
                        throw new IllegalArgumentException("molrg needs molrg:dims=d1-d2-...");
                    }
                    yield new MolrgDenoiser(dim, ctx.mixtureRanks(), ctx.process(), seed);
                }
                yield new MolrgDenoiser(dim, p.intList("dims", 1), ctx.process(), seed);
            }
            default -> throw new IllegalStateException(info.name());
        };
    }
}
