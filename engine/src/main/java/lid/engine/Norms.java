package lid.engine;

import java.util.Arrays;
import lid.kernels.Kernels;

/**
 * Softmax over the last axis, layer norm over the last axis, group norm over [N, C, ...]
 * channels in groups. VJPs use the kernels' backward passes; JVPs use
 * d softmax = y (dx - sum(y dx)) and d xhat = r (dx - mean(dx) - xhat mean(xhat dx)).
 */
public final class Norms {
    private Norms() {}

    public static Tensor softmax(Tensor x) {
        int cols = x.dim(-1), rows = x.size() / Math.max(cols, 1);
        Tensor y = Tensor.empty(x.shape());
        Engine.kernels().normalization().softmaxRows(rows, cols, x.dev(), x.offset(), y.dev(), 0);
        Grad.record(y, "softmax", g -> {
            Tensor gi = Tensor.zeros(x.shape());
            Engine.kernels().normalization().softmaxRowsBackward(rows, cols, y.dev(), y.offset(), g.dev(), g.offset(), gi.dev(), 0);
            return new Tensor[] {gi};
        }, x);
        if (x.tangent != null) {
            Tangents.attach(y, () -> {
                int k = x.tangent.dim(0);
                Tensor t = Tensor.zeros(x.tangent.shape());
                Kernels kr = Engine.kernels();
                for (int d = 0; d < k; d++) { // the softmax Jacobian is symmetric: JVP = VJP
                    kr.normalization().softmaxRowsBackward(rows, cols, y.dev(), y.offset(), x.tangent.dev(),
                            x.tangent.offset() + d * x.size(), t.dev(), d * x.size());
                }
                return t;
            });
        }
        return y;
    }

    /** Layer norm over the last axis; gamma, beta: [features] or null. */
    public static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        int cols = x.dim(-1), rows = x.size() / Math.max(cols, 1);
        checkAffine("layerNorm", gamma, beta, cols);
        Tensor y = Tensor.empty(x.shape());
        Tensor mean = Tensor.empty(rows), rstd = Tensor.empty(rows);
        Engine.kernels().normalization().layerNorm(rows, cols, eps, x.dev(), x.offset(), arr(gamma), arr(beta), y.dev(), 0,
                mean.dev(), rstd.dev());
        Grad.record(y, "layerNorm", g -> {
            Tensor gx = Tensor.empty(x.shape());
            Tensor gg = gamma != null && gamma.requiresGrad ? Tensor.zeros(cols) : null;
            Tensor gb = beta != null && beta.requiresGrad ? Tensor.zeros(cols) : null;
            Engine.kernels().normalization().layerNormBackward(rows, cols, x.dev(), x.offset(), arr(gamma), mean.dev(), rstd.dev(),
                    g.dev(), g.offset(), gx.dev(), 0, gg == null ? null : gg.dev(), gb == null ? null : gb.dev());
            return new Tensor[] {gx, gg, gb};
        }, x, gamma, beta);
        if (x.tangent != null) {
            rejectTangent(gamma, beta);
            // layer norm is group norm with one group per row and one value per "channel"
            Tangents.attach(y, () -> groupJvp(x, gamma, mean, rstd, rows, cols, cols, 1, 1));
        }
        return y;
    }

    /** Group norm of x [N, C, ...spatial]: C split into groups; gamma, beta per channel or null. */
    public static Tensor groupNorm(Tensor x, int groups, Tensor gamma, Tensor beta, float eps) {
        int[] xs = x.shape();
        if (xs.length < 2) {
            throw new IllegalArgumentException("groupNorm needs [N, C, ...], got " + Arrays.toString(xs));
        }
        int n = xs[0], c = xs[1], spatial = x.size() / Math.max(1, n * c);
        if (groups <= 0 || c % groups != 0) {
            throw new IllegalArgumentException("groupNorm: " + c + " channels do not split into " + groups + " groups");
        }
        checkAffine("groupNorm", gamma, beta, c);
        Tensor y = Tensor.zeros(xs);
        Tensor mean = Tensor.zeros(n * groups), rstd = Tensor.zeros(n * groups);
        Engine.kernels().normalization().groupNorm(n, c, spatial, groups, eps, x.dev(), x.offset(), arr(gamma), arr(beta), y.dev(), 0,
                mean.dev(), rstd.dev());
        Grad.record(y, "groupNorm", g -> {
            Tensor gx = Tensor.zeros(xs);
            Tensor gg = gamma != null && gamma.requiresGrad ? Tensor.zeros(c) : null;
            Tensor gb = beta != null && beta.requiresGrad ? Tensor.zeros(c) : null;
            Engine.kernels().normalization().groupNormBackward(n, c, spatial, groups, x.dev(), x.offset(), arr(gamma), mean.dev(),
                    rstd.dev(), g.dev(), g.offset(), gx.dev(), 0, gg == null ? null : gg.dev(),
                    gb == null ? null : gb.dev());
            return new Tensor[] {gx, gg, gb};
        }, x, gamma, beta);
        if (x.tangent != null) {
            rejectTangent(gamma, beta);
            // Each (sample, group) is a contiguous run of (c/groups)*spatial values: a "row".
            int rowLen = (c / groups) * spatial;
            Tangents.attach(y, () -> groupJvp(x, gamma, mean, rstd, n * groups, rowLen, c / groups, spatial, groups));
        }
        return y;
    }

    private static Tensor groupJvp(Tensor x, Tensor gamma, Tensor mean, Tensor rstd, int rows, int rowLen,
                                   int channelsPerGroup, int spatial, int groups) {
        int k = x.tangent.dim(0);
        Tensor t = Tensor.zeros(x.tangent.shape());
        float[] xd = x.data(), td = x.tangent.data(), o = t.data(), m = mean.data(), r = rstd.data();
        float[] gd = gamma == null ? null : gamma.data();
        int go = gamma == null ? 0 : gamma.offset();
        for (int d = 0; d < k; d++) {
            for (int i = 0; i < rows; i++) {
                int xb = x.offset() + i * rowLen, tb = x.tangent.offset() + d * x.size() + i * rowLen;
                int ob = d * x.size() + i * rowLen;
                float mu = m[i], rs = r[i];
                double sdx = 0, sxdx = 0;
                for (int j = 0; j < rowLen; j++) {
                    float xh = (xd[xb + j] - mu) * rs;
                    sdx += td[tb + j];
                    sxdx += xh * td[tb + j];
                }
                float mdx = (float) (sdx / rowLen), mxdx = (float) (sxdx / rowLen);
                int firstChannel = (i % groups) * channelsPerGroup;
                for (int j = 0; j < rowLen; j++) {
                    float xh = (xd[xb + j] - mu) * rs;
                    float v = rs * (td[tb + j] - mdx - xh * mxdx);
                    o[ob + j] = gd == null ? v : v * gd[go + firstChannel + j / spatial];
                }
            }
        }
        return t;
    }

    private static void checkAffine(String op, Tensor gamma, Tensor beta, int n) {
        for (Tensor p : new Tensor[] {gamma, beta}) {
            if (p != null && (p.rank() != 1 || p.dim(0) != n)) {
                throw new IllegalArgumentException(op + ": gamma/beta must have shape [" + n + "], got "
                        + Arrays.toString(p.shape()));
            }
            if (p != null && p.offset() != 0) {
                throw new IllegalArgumentException(op + ": gamma/beta must be whole tensors (offset 0)");
            }
        }
    }

    private static void rejectTangent(Tensor gamma, Tensor beta) {
        if ((gamma != null && gamma.tangent != null) || (beta != null && beta.tangent != null)) {
            throw new UnsupportedOperationException("tangents on normalisation parameters are not supported");
        }
    }

    private static float[] arr(Tensor t) {
        return t == null ? null : t.dev();
    }
}
