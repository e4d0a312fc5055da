package lid.models.nets;

import lid.engine.Norms;
import lid.engine.Tensor;
import lid.engine.nn.GroupNorm;
import lid.engine.nn.Linear;
import lid.engine.nn.Module;

/**
 * Single-head spatial self-attention on NCHW with a residual: positions are the H*W pixels,
 * features the channels; out = x + proj(softmax(q k^T / sqrt(C)) v) over GN(x).
 */
final class SelfAttention extends Module {
    private final GroupNorm norm;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear proj;
    private final int channels;

    SelfAttention(int channels, int groups, long seed, long stream) {
        this.channels = channels;
        norm = child("norm", new GroupNorm(Unet.groupsFor(groups, channels), channels, 1e-5f));
        q = child("q", new Linear(channels, channels, true, seed, stream));
        k = child("k", new Linear(channels, channels, true, seed, stream + 1));
        v = child("v", new Linear(channels, channels, true, seed, stream + 2));
        proj = child("proj", new Linear(channels, channels, true, seed, stream + 3));
    }

    @Override
    public Tensor forward(Tensor x) {
        int b = x.dim(0), h = x.dim(2), w = x.dim(3), p = h * w;
        Tensor seq = norm.forward(x).reshape(b, channels, p).transpose();      // [B, P, C]
        Tensor scores = q.forward(seq).matmul(k.forward(seq).transpose())       // [B, P, P]
                .mul((float) (1 / Math.sqrt(channels)));
        Tensor attended = Norms.softmax(scores).matmul(v.forward(seq));         // [B, P, C]
        return x.add(proj.forward(attended).transpose().reshape(b, channels, h, w));
    }
}
