package lid.models.nets;

import lid.datasets.spec.ParamInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import lid.datasets.ImageShape;
import lid.engine.Conv;
import lid.engine.Embed;
import lid.engine.Pointwise;
import lid.engine.ShapeOps;
import lid.engine.Tensor;
import lid.engine.nn.Conv2d;
import lid.engine.nn.GroupNorm;
import lid.engine.nn.Linear;
import lid.engine.nn.Module;

/**
 * A small image UNet (DDPM layout, NCHW): rows of x [B, C*H*W] are images. Time: sinusoidal(t)
 * -> Linear -> SiLU -> Linear -> SiLU. conv_in 3x3; per level {@code blocks} residual blocks at
 * width ch*mult[i] (the last one's output kept as the level's skip), then 2x average pooling
 * except at the bottom; middle: res block, optional self-attention (the lowest resolution),
 * res block; up path from the bottom: concat the level's skip, res block back to the level's
 * width, nearest 2x upsampling + conv3x3 except at the top; out: GN -> SiLU -> conv3x3 -> C.
 * H and W must divide by 2^(levels - 1).
 */
public final class Unet extends Module implements ScoreNet {
    /** {@code unet:ch=..,mult=..,...}; the image shape comes from the data unless given. */
    public static final ArchitectureInfo INFO = new ArchitectureInfo("unet",
            "small image UNet: conv, group norm, SiLU, avg-pool down / nearest up, skips, "
                    + "optional self-attention at the lowest resolution (image datasets, or give c/h/w)",
            List.of(ParamInfo.of("ch", "32", "base channels"),
                    ParamInfo.of("mult", "1-2", "channel multiplier per level (levels = its length)"),
                    ParamInfo.of("blocks", "1", "residual blocks per level"),
                    ParamInfo.of("attn", "true", "self-attention at the lowest resolution"),
                    ParamInfo.of("groups", "8", "group-norm groups"),
                    ParamInfo.of("temb", "128", "time embedding width"),
                    ParamInfo.of("c", null, "image channels (default: the dataset's)"),
                    ParamInfo.of("h", null, "image height (default: the dataset's)"),
                    ParamInfo.of("w", null, "image width (default: the dataset's)")),
            (p, ctx, resolved) -> {
                if (!p.has("c") || !p.has("h") || !p.has("w")) {
                    if (ctx.image() == null) {
                        throw new IllegalArgumentException("unet needs image data (e.g. --data blobs) or the image shape as "
                                + "unet:c=C,h=H,w=W with C*H*W = D = " + ctx.dim());
                    }
                    resolved.putIfAbsent("c", Integer.toString(ctx.image().channels()));
                    resolved.putIfAbsent("h", Integer.toString(ctx.image().height()));
                    resolved.putIfAbsent("w", Integer.toString(ctx.image().width()));
                }
            },
            (p, ctx, key) -> {
                ImageShape img = p.has("c") && p.has("h") && p.has("w")
                        ? new ImageShape(p.integer("c", 1), p.integer("h", 1), p.integer("w", 1)) : ctx.image();
                if (img == null) {
                    throw new IllegalArgumentException("unet needs image data or unet:c=C,h=H,w=W");
                }
                if (img.size() != ctx.dim()) {
                    throw new IllegalArgumentException("unet image " + img.channels() + "x" + img.height() + "x" + img.width()
                            + " holds " + img.size() + " values but the data has D = " + ctx.dim());
                }
                return new Unet(img, p.integer("ch", 1), p.intList("mult", 1), p.integer("blocks", 1), p.bool("attn"),
                        p.integer("groups", 1), p.integer("temb", 2), key);
            },
            null);

    private final ImageShape image;
    private final int timeEmbed;
    private final Linear time1;
    private final Linear time2;
    private final Conv2d convIn;
    private final List<List<ResBlock>> down = new ArrayList<>();
    private final ResBlock mid1;
    private final SelfAttention attention;
    private final ResBlock mid2;
    private final List<ResBlock> up = new ArrayList<>();
    private final List<Conv2d> upConvs = new ArrayList<>();
    private final GroupNorm normOut;
    private final Conv2d convOut;

    public Unet(ImageShape image, int channels, int[] mult, int blocks, boolean attention, int groups, int timeEmbed,
                long seed) {
        int levels = mult.length;
        int factor = 1 << (levels - 1);
        if (channels <= 0 || levels == 0 || blocks <= 0 || timeEmbed <= 0 || timeEmbed % 2 != 0) {
            throw new IllegalArgumentException("unet needs ch > 0, at least one level, blocks > 0 and an even temb");
        }
        if (image.height() % factor != 0 || image.width() % factor != 0) {
            throw new IllegalArgumentException("unet: image " + image.height() + "x" + image.width() + " does not halve "
                    + (levels - 1) + " times (mult has " + levels + " levels); use fewer levels");
        }
        this.image = image;
        this.timeEmbed = timeEmbed;
        int e = 4 * channels;
        long s = 0;
        time1 = child("time1", new Linear(timeEmbed, e, true, seed, s++));
        time2 = child("time2", new Linear(e, e, true, seed, s++));
        convIn = child("conv_in", new Conv2d(image.channels(), channels, 3, 1, 1, true, seed, s++));
        int[] width = new int[levels];
        int cur = channels;
        for (int i = 0; i < levels; i++) {
            width[i] = channels * mult[i];
            List<ResBlock> level = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                level.add(child("down" + i + "_" + b, new ResBlock(cur, width[i], e, groups, seed, s)));
                s += 4;
                cur = width[i];
            }
            down.add(level);
        }
        mid1 = child("mid1", new ResBlock(cur, cur, e, groups, seed, s));
        s += 4;
        this.attention = attention ? child("attn", new SelfAttention(cur, groups, seed, s)) : null;
        s += 4;
        mid2 = child("mid2", new ResBlock(cur, cur, e, groups, seed, s));
        s += 4;
        for (int i = levels - 1; i >= 0; i--) {
            up.add(child("up" + i, new ResBlock(cur + width[i], width[i], e, groups, seed, s)));
            s += 4;
            cur = width[i];
            if (i > 0) {
                upConvs.add(child("upconv" + i, new Conv2d(cur, cur, 3, 1, 1, true, seed, s++)));
            }
        }
        normOut = child("norm_out", new GroupNorm(groupsFor(groups, cur), cur, 1e-5f));
        convOut = child("conv_out", new Conv2d(cur, image.channels(), 3, 1, 1, true, seed, s));
    }

    /** The largest group count <= wanted that divides the channels. */
    static int groupsFor(int wanted, int channels) {
        int g = Math.max(1, Math.min(wanted, channels));
        while (channels % g != 0) {
            g--;
        }
        return g;
    }

    @Override
    public Tensor forward(Tensor x, Tensor t) {
        int b = x.dim(0);
        Tensor temb = Pointwise.silu(time2.forward(Pointwise.silu(time1.forward(Embed.sinusoidal(t, timeEmbed, 1f)))));
        Tensor h = convIn.forward(x.reshape(b, image.channels(), image.height(), image.width()));
        Deque<Tensor> skips = new ArrayDeque<>();
        for (int i = 0; i < down.size(); i++) {
            for (ResBlock block : down.get(i)) {
                h = block.forward(h, temb);
            }
            skips.push(h);
            if (i < down.size() - 1) {
                h = Conv.avgPool2d(h, 2);
            }
        }
        h = mid1.forward(h, temb);
        if (attention != null) {
            h = attention.forward(h);
        }
        h = mid2.forward(h, temb);
        int convIndex = 0;
        for (int j = 0; j < up.size(); j++) {
            h = up.get(j).forward(ShapeOps.concat(1, h, skips.pop()), temb);
            if (j < up.size() - 1) {
                h = upConvs.get(convIndex++).forward(Conv.upsampleNearest(h, 2));
            }
        }
        h = convOut.forward(Pointwise.silu(normOut.forward(h)));
        return h.reshape(b, image.size());
    }

    @Override
    public int dim() {
        return image.size();
    }

    public ImageShape image() {
        return image;
    }
}
