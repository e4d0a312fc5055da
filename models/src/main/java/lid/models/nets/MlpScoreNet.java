package lid.models.nets;

import lid.datasets.spec.ParamInfo;
import java.util.ArrayList;
import java.util.List;
import lid.engine.Embed;
import lid.engine.ShapeOps;
import lid.engine.Tensor;
import lid.engine.nn.Activation;
import lid.engine.nn.LayerNorm;
import lid.engine.nn.Linear;
import lid.engine.nn.Module;
import lid.engine.nn.Sequential;
import lid.kernels.UnaryOp;

/**
 * MLP score network: [x, emb(t)] -> (Linear [-> LayerNorm] -> SiLU) per hidden width -> Linear(D).
 * emb is the sinusoidal embedding of t (width {@code timeEmbed}), concatenated to the input.
 */
public final class MlpScoreNet extends Module implements ScoreNet {
    /** {@code mlp:widths=..,temb=..,ln=..}. */
    public static final ArchitectureInfo INFO = new ArchitectureInfo("mlp",
            "MLP: [x, sinusoidal(t)] -> (Linear [-> LayerNorm] -> SiLU) per width -> Linear(D)",
            List.of(ParamInfo.of("widths", "512-512-512-512", "hidden widths, dash-separated"),
                    ParamInfo.of("temb", "128", "time embedding width (0 = no time input)"),
                    ParamInfo.of("ln", "false", "LayerNorm after every hidden Linear")),
            (p, ctx, key) -> new MlpScoreNet(ctx.dim(), p.intList("widths", 1), p.integer("temb", 0), p.bool("ln"), key));

    private final int dim;
    private final int timeEmbed;
    private final Sequential net;

    public MlpScoreNet(int dim, int[] widths, int timeEmbed, boolean layerNorm, long seed) {
        if (dim <= 0 || widths.length == 0 || timeEmbed < 0 || timeEmbed % 2 != 0) {
            throw new IllegalArgumentException("MLP needs dim > 0, at least one hidden width, an even time embedding; got dim="
                    + dim + " widths=" + java.util.Arrays.toString(widths) + " timeEmbed=" + timeEmbed);
        }
        this.dim = dim;
        this.timeEmbed = timeEmbed;
        List<Module> layers = new ArrayList<>();
        int last = dim + timeEmbed;
        int stream = 0;
        for (int w : widths) {
            layers.add(new Linear(last, w, true, seed, stream++));
            if (layerNorm) {
                layers.add(new LayerNorm(w, 1e-5f, true));
            }
            layers.add(new Activation(UnaryOp.SILU));
            last = w;
        }
        layers.add(new Linear(last, dim, true, seed, stream));
        this.net = child("net", new Sequential(layers));
    }

    @Override
    public Tensor forward(Tensor x, Tensor t) {
        Tensor in = timeEmbed == 0 ? x : ShapeOps.concat(1, x, Embed.sinusoidal(t, timeEmbed, 1f));
        return net.forward(in);
    }

    @Override
    public int dim() {
        return dim;
    }
}
