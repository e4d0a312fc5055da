package lid.models.nets;

import lid.datasets.spec.ParamInfo;
import java.util.ArrayList;
import java.util.List;
import lid.engine.Embed;
import lid.engine.Pointwise;
import lid.engine.ShapeOps;
import lid.engine.Tensor;
import lid.engine.nn.Linear;
import lid.engine.nn.Module;

/**
 * The FLIPD paper's MLPUnet (benchmarks.md 2.4): h0 = [x, emb(t)] (DDPM sinusoidal, width
 * {@code timeEmbed}, t in [0, 1] used directly); encoder h_i = SiLU(Linear(h_{i-1})) for each
 * hidden width; decoder from the bottom up, each layer reading [skip, current]:
 * h = SiLU(Linear([h_j, h])) back to width(h_j) for j = L-1 .. 1, and the output
 * Linear([h0, h]) -> D with no activation. With widths 4096-2048-1024-1024-512-512 this is the
 * paper's 12-layer table exactly.
 */
public final class MlpUnet extends Module implements ScoreNet {
    /** {@code mlp-unet:widths=..,temb=..}. */
    public static final ArchitectureInfo INFO = new ArchitectureInfo("mlp-unet",
            "FLIPD MLPUnet: encoder of widths, decoder with [skip, current] concatenations (benchmarks.md 2.4)",
            List.of(ParamInfo.of("widths", "4096-2048-1024-1024-512-512", "encoder widths (at least two)"),
                    ParamInfo.of("temb", "128", "time embedding width")),
            (p, ctx, key) -> new MlpUnet(ctx.dim(), p.intList("widths", 1), p.integer("temb", 2), key));

    private final int dim;
    private final int timeEmbed;
    private final List<Linear> encoder = new ArrayList<>();
    private final List<Linear> decoder = new ArrayList<>();
    private final Linear output;

    public MlpUnet(int dim, int[] widths, int timeEmbed, long seed) {
        if (dim <= 0 || widths.length < 2 || timeEmbed <= 0 || timeEmbed % 2 != 0) {
            throw new IllegalArgumentException("MLPUnet needs dim > 0, at least two hidden widths and an even time embedding;"
                    + " got dim=" + dim + " widths=" + java.util.Arrays.toString(widths) + " temb=" + timeEmbed);
        }
        this.dim = dim;
        this.timeEmbed = timeEmbed;
        int l = widths.length;
        int[] size = new int[l + 1]; // size[i] = width of h_i
        size[0] = dim + timeEmbed;
        System.arraycopy(widths, 0, size, 1, l);
        int stream = 0;
        for (int i = 1; i <= l; i++) {
            encoder.add(child("enc" + i, new Linear(size[i - 1], size[i], true, seed, stream++)));
        }
        int current = size[l];
        for (int j = l - 1; j >= 1; j--) {
            decoder.add(child("dec" + j, new Linear(size[j] + current, size[j], true, seed, stream++)));
            current = size[j];
        }
        output = child("out", new Linear(size[0] + current, dim, true, seed, stream));
    }

    @Override
    public Tensor forward(Tensor x, Tensor t) {
        List<Tensor> h = new ArrayList<>();
        h.add(ShapeOps.concat(1, x, Embed.sinusoidal(t, timeEmbed, 1f)));
        for (Linear layer : encoder) {
            h.add(Pointwise.silu(layer.forward(h.get(h.size() - 1))));
        }
        Tensor cur = h.get(h.size() - 1);
        int j = h.size() - 2;
        for (Linear layer : decoder) {
            cur = Pointwise.silu(layer.forward(ShapeOps.concat(1, h.get(j--), cur)));
        }
        return output.forward(ShapeOps.concat(1, h.get(0), cur));
    }

    @Override
    public int dim() {
        return dim;
    }
}
