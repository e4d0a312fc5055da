package lid.models.nets;

import lid.datasets.spec.ParamInfo;
import java.util.ArrayList;
import java.util.List;
import lid.engine.Embed;
import lid.engine.Pointwise;
import lid.engine.ShapeOps;
import lid.engine.Tensor;
import lid.engine.nn.Init;
import lid.engine.nn.LayerNorm;
import lid.engine.nn.Linear;
import lid.engine.nn.Module;

/**
 * The score-matching-LID paper's MLP (benchmarks.md 1.3): conditioning c = Linear(SiLU(Linear(
 * [fourier(t), class]))) with Fourier time features of width {@code timeDim} (frequencies
 * exp(linspace(0, ln 10000, timeDim/2)), raw t) and the unconditional class embedding (a learned
 * row of width {@code classDim}, N(0, 0.02)); trunk [x, c] -> depth x (Linear -> LayerNorm ->
 * SiLU) of width {@code width} -> Linear(D). Linear weights Xavier-uniform, biases zero.
 */
public final class SmMlp extends Module implements ScoreNet {
    /** {@code sm-mlp:width=..,depth=..,time=..,class=..}; the width defaults to max(2D, 128). */
    public static final ArchitectureInfo INFO = new ArchitectureInfo("sm-mlp",
            "score-matching-LID MLP: depth x (Linear -> LayerNorm -> SiLU) of width max(2D, 128), "
                    + "conditioning MLP on Fourier time features (benchmarks.md 1.3)",
            List.of(ParamInfo.of("width", null, "hidden width (default max(2D, 128))"),
                    ParamInfo.of("depth", "4", "hidden layers"),
                    ParamInfo.of("time", "64", "Fourier time feature width"),
                    ParamInfo.of("class", "64", "class embedding width (unconditional)")),
            (p, ctx, resolved) -> resolved.putIfAbsent("width", Integer.toString(Math.max(2 * ctx.dim(), 128))),
            (p, ctx, key) -> new SmMlp(ctx.dim(), p.has("width") ? p.integer("width", 1) : Math.max(2 * ctx.dim(), 128),
                    p.integer("depth", 1), p.integer("time", 2), p.integer("class", 0), key),
            null);

    private final int dim;
    private final int timeDim;
    private final Tensor classEmbedding;
    private final Linear cond1;
    private final Linear cond2;
    private final List<Linear> linears = new ArrayList<>();
    private final List<LayerNorm> norms = new ArrayList<>();
    private final Linear output;

    public SmMlp(int dim, int width, int depth, int timeDim, int classDim, long seed) {
        if (dim <= 0 || width <= 0 || depth <= 0 || timeDim <= 0 || timeDim % 2 != 0 || classDim < 0) {
            throw new IllegalArgumentException("sm-mlp needs positive sizes and an even time width; got dim=" + dim
                    + " width=" + width + " depth=" + depth + " time=" + timeDim + " class=" + classDim);
        }
        this.dim = dim;
        this.timeDim = timeDim;
        int c = timeDim + classDim;
        this.classEmbedding = classDim == 0 ? null : param("class_embedding", () -> Init.normal(0.02f, seed, 999, classDim));
        long stream = 0;
        cond1 = child("cond1", xavier(new Linear(c, c, true, seed, stream++), seed, stream++));
        cond2 = child("cond2", xavier(new Linear(c, c, true, seed, stream++), seed, stream++));
        int last = dim + c;
        for (int i = 0; i < depth; i++) {
            linears.add(child("linear" + i, xavier(new Linear(last, width, true, seed, stream++), seed, stream++)));
            norms.add(child("norm" + i, new LayerNorm(width, 1e-5f, true)));
            last = width;
        }
        output = child("out", xavier(new Linear(last, dim, true, seed, stream++), seed, stream));
    }

    /** Xavier-uniform weight U(+-sqrt(6/(in+out))), zero bias (the reference's init). */
    private static Linear xavier(Linear l, long seed, long stream) {
        float bound = (float) Math.sqrt(6.0 / (l.in + l.out));
        l.weight.copyFrom(Init.uniform(bound, seed, 1000 + stream, l.out, l.in));
        java.util.Arrays.fill(l.bias.data(), l.bias.offset(), l.bias.offset() + l.bias.size(), 0f);
        return l;
    }

    @Override
    public Tensor forward(Tensor x, Tensor t) {
        int b = x.dim(0);
        // Our sinusoidal embedding with scale 10^4 has frequencies 10^4 .. 1, the reference's set in reverse
        // order: a fixed permutation of the first layer's inputs.
        Tensor feats = Embed.sinusoidal(t, timeDim, 10000f);
        if (classEmbedding != null) {
            feats = ShapeOps.concat(1, feats, Tensor.zeros(b, classEmbedding.size()).add(classEmbedding));
        }
        Tensor c = cond2.forward(Pointwise.silu(cond1.forward(feats)));
        Tensor h = ShapeOps.concat(1, x, c);
        for (int i = 0; i < linears.size(); i++) {
            h = Pointwise.silu(norms.get(i).forward(linears.get(i).forward(h)));
        }
        return output.forward(h);
    }

    @Override
    public int dim() {
        return dim;
    }
}
