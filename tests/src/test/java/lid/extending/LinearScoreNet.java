package lid.extending;

import java.util.List;
import lid.datasets.spec.ParamInfo;
import lid.engine.Embed;
import lid.engine.ShapeOps;
import lid.engine.Tensor;
import lid.engine.nn.Linear;
import lid.engine.nn.Module;
import lid.models.nets.ArchitectureInfo;
import lid.models.nets.ScoreNet;

/**
 * Worked example of docs/extending.md (an architecture): one Linear layer on [x, sinusoidal(t)],
 * the smallest trainable score model (a check of a training set-up, and the right shape of
 * denoiser for a single Gaussian at one noise level). Its parameters are "net.weight" and
 * "net.bias" in a checkpoint.
 */
public final class LinearScoreNet extends Module implements ScoreNet {
    public static final ArchitectureInfo INFO = new ArchitectureInfo("linear",
            "Linear([x, sinusoidal(t)]) -> D",
            List.of(ParamInfo.integer("temb", "16", "time embedding width, even (0 = no time input)").range(0.0, null)),
            (p, ctx, key) -> new LinearScoreNet(ctx.dim(), p.integer("temb"), key));

    private final int dim;
    private final int timeEmbed;
    private final Linear net;

    public LinearScoreNet(int dim, int timeEmbed, long key) {
        if (timeEmbed % 2 != 0) {
            throw new IllegalArgumentException("linear: temb must be even, got " + timeEmbed);
        }
        this.dim = dim;
        this.timeEmbed = timeEmbed;
        this.net = child("net", new Linear(dim + timeEmbed, dim, true, key, 0));
    }

    @Override
    public Tensor forward(Tensor x, Tensor t) {
        return net.forward(timeEmbed == 0 ? x : ShapeOps.concat(1, x, Embed.sinusoidal(t, timeEmbed, 1f)));
    }

    @Override
    public int dim() {
        return dim;
    }
}
