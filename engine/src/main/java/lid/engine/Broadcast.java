package lid.engine;

import java.util.Arrays;
import lid.kernels.BinaryOp;
import lid.kernels.Kernels;
import lid.kernels.ReduceOp;

/**
 * Raw (no autodiff) numpy-style broadcasting: elementwise binary ops on two shapes, and the
 * reduction of a gradient back to an input's shape. Fast paths map the common layouts onto
 * the kernels (same shape, row vector, column vector, scalar); the rest goes through a general
 * strided loop.
 */
final class Broadcast {
    private Broadcast() {}

    static Tensor apply(BinaryOp op, Tensor a, Tensor b) {
        int[] as = a.shape();
        int[] bs = b.shape();
        int[] os = Shape.broadcast(as, bs);
        Tensor out = Tensor.empty(os); // every path below writes every element
        Kernels k = Engine.kernels();
        int n = out.size();
        if (n == 0) {
            return out;
        }
        float[] o = out.dev();
        if (a.size() == n && b.size() == n) {
            k.elementwise().binary(op, n, a.dev(), a.offset(), b.dev(), b.offset(), o, 0);
        } else if (a.size() == n && b.size() == 1) {
            k.elementwise().binaryCols(op, 1, n, a.dev(), a.offset(), b.dev(), b.offset(), o, 0);
        } else if (a.size() == n && isTrailing(bs, os)) {
            int cols = b.size();
            k.elementwise().binaryRows(op, n / cols, cols, a.dev(), a.offset(), b.dev(), b.offset(), o, 0);
        } else if (a.size() == n && isLeading(bs, os)) {
            int rows = b.size();
            k.elementwise().binaryCols(op, rows, n / rows, a.dev(), a.offset(), b.dev(), b.offset(), o, 0);
        } else if (b.size() == n && commutes(op) && (a.size() == 1 || isTrailing(as, os) || isLeading(as, os))) {
            return apply(op, b, a);
        } else {
            general(op, a, as, b, bs, out, os);
        }
        return out;
    }

    private static boolean commutes(BinaryOp op) {
        return op == BinaryOp.ADD || op == BinaryOp.MUL || op == BinaryOp.MAX || op == BinaryOp.MIN;
    }

    /** small (ignoring leading ones) equals the trailing dims of full. */
    static boolean isTrailing(int[] small, int[] full) {
        int s = 0;
        while (s < small.length && small[s] == 1 && small.length - s > 0) {
            s++;
        }
        int len = small.length - s;
        if (len > full.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (small[s + i] != full[full.length - len + i]) {
                return false;
            }
        }
        return true;
    }

    /** small, left-padded to full's rank, equals a prefix of full followed by ones. */
    static boolean isLeading(int[] small, int[] full) {
        int[] p = Shape.padLeft(small, full.length);
        int cut = p.length;
        while (cut > 0 && p[cut - 1] == 1) {
            cut--;
        }
        for (int i = 0; i < cut; i++) {
            if (p[i] != full[i]) {
                return false;
            }
        }
        return true;
    }

    private static void general(BinaryOp op, Tensor a, int[] as, Tensor b, int[] bs, Tensor out, int[] os) {
        int r = os.length;
        int[] ap = Shape.padLeft(as, r);
        int[] bp = Shape.padLeft(bs, r);
        int[] aStr = Shape.strides(ap);
        int[] bStr = Shape.strides(bp);
        for (int i = 0; i < r; i++) {
            if (ap[i] == 1) {
                aStr[i] = 0;
            }
            if (bp[i] == 1) {
                bStr[i] = 0;
            }
        }
        float[] ad = a.data();
        float[] bd = b.data();
        float[] o = out.data();
        int[] idx = new int[r];
        int ai = a.offset();
        int bi = b.offset();
        int n = out.size();
        for (int f = 0; f < n; f++) {
            o[f] = scalar(op, ad[ai], bd[bi]);
            for (int d = r - 1; d >= 0; d--) {
                idx[d]++;
                ai += aStr[d];
                bi += bStr[d];
                if (idx[d] < os[d]) {
                    break;
                }
                ai -= aStr[d] * os[d];
                bi -= bStr[d] * os[d];
                idx[d] = 0;
            }
        }
    }

    static float scalar(BinaryOp op, float x, float y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
        };
    }

    /** Sums g (shape full) over the broadcast axes so the result has shape target. */
    static Tensor sumTo(Tensor g, int[] target) {
        int[] gs = g.shape();
        if (Arrays.equals(gs, target)) {
            return g.copy();
        }
        Tensor out = Tensor.zeros(target);
        int n = g.size();
        int t = out.size();
        Kernels k = Engine.kernels();
        if (t == 1) {
            out.data()[0] = k.reductions().reduce(ReduceOp.SUM, n, g.dev(), g.offset());
        } else if (isTrailing(target, gs)) {
            k.reductions().reduceCols(ReduceOp.SUM, n / t, t, g.dev(), g.offset(), out.dev(), 0);
        } else if (isLeading(target, gs)) {
            k.reductions().reduceRows(ReduceOp.SUM, t, n / t, g.dev(), g.offset(), out.dev(), 0);
        } else {
            int r = gs.length;
            int[] tp = Shape.padLeft(target, r);
            int[] tStr = Shape.strides(tp);
            for (int i = 0; i < r; i++) {
                if (tp[i] == 1) {
                    tStr[i] = 0;
                }
            }
            float[] gd = g.data();
            float[] o = out.data();
            int[] idx = new int[r];
            int ti = 0;
            int go = g.offset();
            for (int f = 0; f < n; f++) {
                o[ti] += gd[go + f];
                for (int d = r - 1; d >= 0; d--) {
                    idx[d]++;
                    ti += tStr[d];
                    if (idx[d] < gs[d]) {
                        break;
                    }
                    ti -= tStr[d] * gs[d];
                    idx[d] = 0;
                }
            }
        }
        return out;
    }

    /** x broadcast (copied) to shape target. */
    static Tensor expand(Tensor x, int[] target) {
        if (Arrays.equals(x.shape(), target)) {
            return x.copy();
        }
        Tensor zeros = Tensor.zeros(target);
        Tensor out = apply(BinaryOp.ADD, zeros, x);
        zeros.release();
        return out;
    }
}
