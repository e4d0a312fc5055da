package lid.engine;

import lid.kernels.BinaryOp;
import lid.kernels.UnaryOp;

/**
 * Broadcasting arithmetic: forward, VJP and JVP side by side. Gradients of a broadcast input
 * are summed back to its shape ({@link Broadcast#sumTo}).
 */
public final class Arith {
    private Arith() {}

    public static Tensor add(Tensor a, Tensor b) {
        Tensor out = Broadcast.apply(BinaryOp.ADD, a, b);
        int[] as = a.shape(), bs = b.shape();
        Grad.record(out, "add", g -> new Tensor[] {
            a.requiresGrad ? Broadcast.sumTo(g, as) : null,
            b.requiresGrad ? Broadcast.sumTo(g, bs) : null}, a, b);
        if (Tangents.any(a, b)) {
            Tangents.attach(out, () -> sumOfTangents(out, a, 1f, b, 1f));
        }
        return out;
    }

    public static Tensor sub(Tensor a, Tensor b) {
        Tensor out = Broadcast.apply(BinaryOp.SUB, a, b);
        int[] as = a.shape(), bs = b.shape();
        Grad.record(out, "sub", g -> new Tensor[] {
            a.requiresGrad ? Broadcast.sumTo(g, as) : null,
            b.requiresGrad ? negate(Broadcast.sumTo(g, bs)) : null}, a, b);
        if (Tangents.any(a, b)) {
            Tangents.attach(out, () -> sumOfTangents(out, a, 1f, b, -1f));
        }
        return out;
    }

    public static Tensor mul(Tensor a, Tensor b) {
        Tensor out = Broadcast.apply(BinaryOp.MUL, a, b);
        int[] as = a.shape(), bs = b.shape();
        Grad.record(out, "mul", g -> new Tensor[] {
            a.requiresGrad ? productSumTo(g, b, as) : null,
            b.requiresGrad ? productSumTo(g, a, bs) : null}, a, b);
        if (Tangents.any(a, b)) {
            // d(ab) = da b + a db
            Tangents.attach(out, () -> {
                int r = out.rank();
                Tensor ta = Tangents.aligned(a, r), tb = Tangents.aligned(b, r);
                Tensor x = ta == null ? null : Broadcast.apply(BinaryOp.MUL, ta, b);
                Tensor y = tb == null ? null : Broadcast.apply(BinaryOp.MUL, tb, a);
                return combine(out, x, y);
            });
        }
        return out;
    }

    public static Tensor div(Tensor a, Tensor b) {
        Tensor out = Broadcast.apply(BinaryOp.DIV, a, b);
        int[] as = a.shape(), bs = b.shape();
        Grad.record(out, "div", g -> {
            Tensor ga = null, gb = null;
            if (a.requiresGrad) {
                Tensor q = Broadcast.apply(BinaryOp.DIV, g, b);
                ga = Broadcast.sumTo(q, as);
                q.release();
            }
            if (b.requiresGrad) {
                // d/db (a/b) = -(a/b)/b
                Tensor q = Broadcast.apply(BinaryOp.MUL, g, out);
                Tensor q2 = Broadcast.apply(BinaryOp.DIV, q, b);
                gb = negate(Broadcast.sumTo(q2, bs));
                q.release();
                q2.release();
            }
            return new Tensor[] {ga, gb};
        }, a, b);
        if (Tangents.any(a, b)) {
            // d(a/b) = da / b - (a/b) db / b
            Tangents.attach(out, () -> {
                int r = out.rank();
                Tensor ta = Tangents.aligned(a, r), tb = Tangents.aligned(b, r);
                Tensor x = ta == null ? null : Broadcast.apply(BinaryOp.DIV, ta, b);
                Tensor y = null;
                if (tb != null) {
                    Tensor p = Broadcast.apply(BinaryOp.MUL, tb, out);
                    y = Broadcast.apply(BinaryOp.DIV, p, b);
                    p.release();
                    negateInPlace(y);
                }
                return combine(out, x, y);
            });
        }
        return out;
    }

    /** s * a. */
    public static Tensor scale(Tensor a, float s) {
        Tensor out = Tensor.zeros(a.shape());
        Engine.kernels().elementwise().scale(a.size(), s, a.dev(), a.offset(), out.dev(), 0);
        Grad.record(out, "scale", g -> new Tensor[] {scaled(g, s)}, a);
        if (a.tangent != null) {
            Tangents.attach(out, () -> scaled(a.tangent, s));
        }
        return out;
    }

    /** a + s. */
    public static Tensor addScalar(Tensor a, float s) {
        Tensor out = a.copy();
        float[] o = out.data();
        for (int i = 0; i < o.length && i < out.size(); i++) {
            o[i] += s;
        }
        Grad.record(out, "addScalar", g -> new Tensor[] {g}, a);
        if (a.tangent != null) {
            Tangents.attach(out, () -> a.tangent.copy());
        }
        return out;
    }

    public static Tensor neg(Tensor a) {
        return scale(a, -1f);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static Tensor scaled(Tensor x, float s) {
        Tensor out = Tensor.zeros(x.shape());
        Engine.kernels().elementwise().scale(x.size(), s, x.dev(), x.offset(), out.dev(), 0);
        return out;
    }

    private static Tensor negate(Tensor x) {
        negateInPlace(x);
        return x;
    }

    private static void negateInPlace(Tensor x) {
        Engine.kernels().elementwise().unary(UnaryOp.NEG, x.size(), x.dev(), x.offset(), x.dev(), x.offset());
    }

    /** sumTo(g * other, shape) releasing the temporary product. */
    private static Tensor productSumTo(Tensor g, Tensor other, int[] shape) {
        Tensor p = Broadcast.apply(BinaryOp.MUL, g, other);
        if (java.util.Arrays.equals(p.shape(), shape)) {
            return p;
        }
        Tensor s = Broadcast.sumTo(p, shape);
        p.release();
        return s;
    }

    /** ca * ta + cb * tb broadcast to [k, ...out.shape]. */
    private static Tensor sumOfTangents(Tensor out, Tensor a, float ca, Tensor b, float cb) {
        int r = out.rank();
        Tensor ta = Tangents.aligned(a, r), tb = Tangents.aligned(b, r);
        Tensor x = ta == null ? null : (ca == 1f ? ta : scaled(ta, ca));
        Tensor y = tb == null ? null : (cb == 1f ? tb : scaled(tb, cb));
        int k = Tangents.k(a, b);
        int[] target = Shape.prepend(k, out.shape());
        Tensor result;
        if (x != null && y != null) {
            result = Broadcast.apply(BinaryOp.ADD, x, y);
            if (!java.util.Arrays.equals(result.shape(), target)) {
                Tensor e = Broadcast.expand(result, target);
                result.release();
                result = e;
            }
        } else {
            result = Broadcast.expand(x != null ? x : y, target);
        }
        return result;
    }

    /** x + y (either may be null, not both), expanded to [k, ...out.shape]; releases x and y. */
    static Tensor combine(Tensor out, Tensor x, Tensor y) {
        Tensor r;
        if (x != null && y != null) {
            r = Broadcast.apply(BinaryOp.ADD, x, y);
            x.release();
            y.release();
        } else {
            r = x != null ? x : y;
        }
        int[] target = Shape.prepend(r.dim(0), out.shape());
        if (!java.util.Arrays.equals(r.shape(), target)) {
            Tensor e = Broadcast.expand(r, target);
            r.release();
            r = e;
        }
        return r;
    }
}
