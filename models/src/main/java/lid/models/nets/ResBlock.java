package lid.models.nets;

import lid.engine.Pointwise;
import lid.engine.Tensor;
import lid.engine.nn.Conv2d;
import lid.engine.nn.GroupNorm;
import lid.engine.nn.Linear;
import lid.engine.nn.Module;

/**
 * UNet residual block on NCHW: h = conv3(SiLU(GN(x))); h += Linear(temb) per channel;
 * h = conv3(SiLU(GN(h))); out = h + skip(x), skip a 1x1 conv when the channel count changes.
 */
final class ResBlock extends Module {
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear time;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d skip;
    private final int out;

    ResBlock(int in, int out, int tembDim, int groups, long seed, long stream) {
        this.out = out;
        norm1 = child("norm1", new GroupNorm(Unet.groupsFor(groups, in), in, 1e-5f));
        conv1 = child("conv1", new Conv2d(in, out, 3, 1, 1, true, seed, stream));
        time = child("time", new Linear(tembDim, out, true, seed, stream + 1));
        norm2 = child("norm2", new GroupNorm(Unet.groupsFor(groups, out), out, 1e-5f));
        conv2 = child("conv2", new Conv2d(out, out, 3, 1, 1, true, seed, stream + 2));
        skip = in == out ? null : child("skip", new Conv2d(in, out, 1, 1, 0, true, seed, stream + 3));
    }

    /** x [B, in, H, W], temb [B, E] (already through SiLU) -> [B, out, H, W]. */
    Tensor forward(Tensor x, Tensor temb) {
        Tensor h = conv1.forward(Pointwise.silu(norm1.forward(x)));
        h = h.add(time.forward(temb).reshape(x.dim(0), out, 1, 1));
        h = conv2.forward(Pointwise.silu(norm2.forward(h)));
        return h.add(skip == null ? x : skip.forward(x));
    }
}
