package lid.engine;

import java.util.Arrays;
import lid.kernels.Kernels;
import lid.kernels.ReduceOp;

/** Sums and means over all elements or one axis. VJP broadcasts the gradient back; JVP reduces each tangent. */
public final class Reduce {
    private Reduce() {}

    /** Sum of all elements, shape []. */
    public static Tensor sum(Tensor x) {
        Tensor out = Tensor.scalar(Engine.kernels().reductions().reduce(ReduceOp.SUM, x.size(), x.dev(), x.offset()));
        int[] xs = x.shape();
        Grad.record(out, "sum", g -> new Tensor[] {Tensor.full(g.item(), xs)}, x);
        if (x.tangent != null) {
            Tangents.attach(out, () -> {
                int k = x.tangent.dim(0);
                Tensor t = Tensor.zeros(k);
                Engine.kernels().reductions().reduceRows(ReduceOp.SUM, k, x.size(), x.tangent.dev(), x.tangent.offset(), t.dev(), 0);
                return t;
            });
        }
        return out;
    }

    public static Tensor mean(Tensor x) {
        Tensor s = sum(x);
        Tensor m = Arith.scale(s, 1f / x.size());
        return m;
    }

    /** Sum over one axis; keepDim keeps it with size 1. */
    public static Tensor sum(Tensor x, int axis, boolean keepDim) {
        int[] xs = x.shape();
        int ax = Shape.axis(axis, xs.length);
        final int outer = Shape.outer(xs, ax), inner = Shape.inner(xs, ax), len = xs[ax];
        int[] os = reducedShape(xs, ax, keepDim);
        Tensor out = Tensor.zeros(os);
        sumAxis(x.dev(), x.offset(), outer, len, inner, out.dev(), 0);
        Grad.record(out, "sumAxis", g -> {
            // broadcast g [outer, 1, inner] over len
            Tensor gi = Tensor.zeros(xs);
            float[] gd = g.data(), o = gi.data();
            for (int a = 0; a < outer; a++) {
                for (int l = 0; l < len; l++) {
                    System.arraycopy(gd, g.offset() + a * inner, o, (a * len + l) * inner, inner);
                }
            }
            return new Tensor[] {gi};
        }, x);
        if (x.tangent != null) {
            Tangents.attach(out, () -> {
                int k = x.tangent.dim(0);
                Tensor t = Tensor.zeros(Shape.prepend(k, os));
                sumAxis(x.tangent.dev(), x.tangent.offset(), k * outer, len, inner, t.dev(), 0);
                return t;
            });
        }
        return out;
    }

    public static Tensor mean(Tensor x, int axis, boolean keepDim) {
        int len = x.dim(axis);
        return Arith.scale(sum(x, axis, keepDim), 1f / len);
    }

    private static int[] reducedShape(int[] xs, int ax, boolean keepDim) {
        if (keepDim) {
            int[] os = xs.clone();
            os[ax] = 1;
            return os;
        }
        int[] os = new int[xs.length - 1];
        for (int i = 0, j = 0; i < xs.length; i++) {
            if (i != ax) {
                os[j++] = xs[i];
            }
        }
        return os;
    }

    /** out[a, i] = sum_l x[a, l, i] for x viewed as [outer, len, inner]. */
    private static void sumAxis(float[] x, int xOff, int outer, int len, int inner, float[] out, int outOff) {
        Kernels k = Engine.kernels();
        if (inner == 1) {
            k.reductions().reduceRows(ReduceOp.SUM, outer, len, x, xOff, out, outOff);
            return;
        }
        for (int a = 0; a < outer; a++) {
            k.reductions().reduceCols(ReduceOp.SUM, len, inner, x, xOff + a * len * inner, out, outOff + a * inner);
        }
    }

    static String str(int[] s) {
        return Arrays.toString(s);
    }
}
