package lid.engine;

import java.util.Arrays;

/** Reshape and first-axis slices (views), transpose, concat and axis slices (copies). */
public final class ShapeOps {
    private ShapeOps() {}

    public static Tensor reshape(Tensor x, int... newShape) {
        int[] ns = resolve(newShape, x.size(), x.shape());
        Tensor out = x.view(x.offset(), ns);
        int[] xs = x.shape();
        Grad.record(out, "reshape", g -> new Tensor[] {g.view(g.offset(), xs)}, x);
        if (x.tangent != null) {
            Tangents.attach(out, () -> x.tangent.view(x.tangent.offset(), Shape.prepend(x.tangent.dim(0), ns)));
        }
        return out;
    }

    /** newShape with at most one -1 inferred. */
    private static int[] resolve(int[] newShape, int size, int[] old) {
        int[] ns = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < ns.length; i++) {
            if (ns[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: only one -1 allowed in " + Arrays.toString(newShape));
                }
                infer = i;
            } else {
                known *= ns[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("reshape: cannot infer -1 in " + Arrays.toString(newShape)
                        + " for " + size + " elements");
            }
            ns[infer] = (int) (size / known);
        }
        Shape.check(ns);
        if (Shape.size(ns) != size) {
            throw new IllegalArgumentException("reshape: " + Arrays.toString(old) + " (" + size + " elements) cannot become "
                    + Arrays.toString(newShape));
        }
        return ns;
    }

    /** x[from:to] along axis 0, a view. */
    public static Tensor slice0(Tensor x, int from, int to) {
        int[] xs = x.shape();
        if (xs.length == 0 || from < 0 || to > xs[0] || from > to) {
            throw new IllegalArgumentException("slice0: [" + from + ", " + to + ") out of range for " + Arrays.toString(xs));
        }
        int row = x.size() / Math.max(xs[0], 1);
        int[] os = xs.clone();
        os[0] = to - from;
        Tensor out = x.view(x.offset() + from * row, os);
        Grad.record(out, "slice0", g -> {
            Tensor gi = Tensor.zeros(xs);
            Engine.kernels().copyRows(1, g.size(), g.dev(), g.offset(), g.size(), gi.dev(), from * row, g.size());
            return new Tensor[] {gi};
        }, x);
        if (x.tangent != null) {
            Tangents.attach(out, () -> slice(x.tangent, 1, from, to));
        }
        return out;
    }

    /** Copy of x[..., from:to, ...] along axis. */
    public static Tensor slice(Tensor x, int axis, int from, int to) {
        int[] xs = x.shape();
        int ax = Shape.axis(axis, xs.length);
        if (from < 0 || to > xs[ax] || from > to) {
            throw new IllegalArgumentException("slice: [" + from + ", " + to + ") out of range for axis " + axis + " of "
                    + Arrays.toString(xs));
        }
        final int outer = Shape.outer(xs, ax), inner = Shape.inner(xs, ax), len = xs[ax], w = to - from;
        int[] os = xs.clone();
        os[ax] = w;
        Tensor out = Tensor.empty(os); // every element is copied
        Engine.kernels().copyRows(outer, w * inner, x.dev(), x.offset() + from * inner, len * inner, out.dev(), 0, w * inner);
        Grad.record(out, "slice", g -> {
            Tensor gi = Tensor.zeros(xs);
            Engine.kernels().copyRows(outer, w * inner, g.dev(), g.offset(), w * inner, gi.dev(), from * inner, len * inner);
            return new Tensor[] {gi};
        }, x);
        if (x.tangent != null) {
            Tangents.attach(out, () -> slice(x.tangent, ax + 1, from, to));
        }
        return out;
    }

    /** Concatenation along axis; inputs without tangents count as zero directions. */
    public static Tensor concat(int axis, Tensor... xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        int[] s0 = xs[0].shape();
        int ax = Shape.axis(axis, s0.length);
        int total = 0;
        for (Tensor x : xs) {
            int[] s = x.shape();
            if (s.length != s0.length) {
                throw new IllegalArgumentException("concat: ranks differ, " + Arrays.toString(s0) + " vs " + Arrays.toString(s));
            }
            for (int i = 0; i < s.length; i++) {
                if (i != ax && s[i] != s0[i]) {
                    throw new IllegalArgumentException("concat along axis " + axis + ": shapes " + Arrays.toString(s0)
                            + " and " + Arrays.toString(s) + " differ on axis " + i);
                }
            }
            total += s[ax];
        }
        int outer = Shape.outer(s0, ax), inner = Shape.inner(s0, ax);
        int[] os = s0.clone();
        os[ax] = total;
        Tensor out = Tensor.empty(os); // every element is copied from an input
        copyConcat(xs, ax, outer, inner, total, out.dev(), 0, false);
        final int fOuter = outer, fInner = inner, fTotal = total;
        Grad.record(out, "concat", g -> {
            Tensor[] gs = new Tensor[xs.length];
            int start = 0;
            for (int q = 0; q < xs.length; q++) {
                int w = xs[q].dim(ax);
                if (xs[q].requiresGrad) {
                    gs[q] = Tensor.empty(xs[q].shape()); // every element is copied
                    Engine.kernels().copyRows(fOuter, w * fInner, g.dev(), g.offset() + start * fInner, fTotal * fInner,
                            gs[q].dev(), 0, w * fInner);
                }
                start += w;
            }
            return gs;
        }, xs);
        if (Tangents.any(xs)) {
            Tangents.attach(out, () -> {
                int k = Tangents.k(xs);
                Tensor t = Tensor.zeros(Shape.prepend(k, os));
                for (int d = 0; d < k; d++) {
                    copyConcatTangent(xs, ax, fOuter, fInner, fTotal, t.data(), d * out.size(), d);
                }
                return t;
            });
        }
        return out;
    }

    private static void copyConcat(Tensor[] xs, int ax, int outer, int inner, int total, float[] o, int oOff,
                                   boolean unused) {
        int start = 0;
        for (Tensor x : xs) {
            int w = x.dim(ax);
            Engine.kernels().copyRows(outer, w * inner, x.dev(), x.offset(), w * inner, o, oOff + start * inner, total * inner);
            start += w;
        }
    }

    private static void copyConcatTangent(Tensor[] xs, int ax, int outer, int inner, int total, float[] o, int oOff,
                                          int d) {
        int start = 0;
        for (Tensor x : xs) {
            int w = x.dim(ax);
            if (x.tangent != null) {
                float[] td = x.tangent.data();
                int base = x.tangent.offset() + d * x.size();
                for (int a = 0; a < outer; a++) {
                    System.arraycopy(td, base + a * w * inner, o, oOff + (a * total + start) * inner, w * inner);
                }
            }
            start += w;
        }
    }

    /** Transpose of the last two axes (a copy). */
    public static Tensor transpose(Tensor x) {
        int[] xs = x.shape();
        if (xs.length < 2) {
            throw new IllegalArgumentException("transpose needs rank >= 2, got " + Arrays.toString(xs));
        }
        int r = xs[xs.length - 2], c = xs[xs.length - 1];
        int batch = x.size() / Math.max(1, r * c);
        int[] os = xs.clone();
        os[os.length - 2] = c;
        os[os.length - 1] = r;
        Tensor out = Tensor.zeros(os);
        transposeInto(x.data(), x.offset(), batch, r, c, out.data(), 0);
        Grad.record(out, "transpose", g -> {
            Tensor gi = Tensor.zeros(xs);
            transposeInto(g.data(), g.offset(), batch, c, r, gi.data(), 0);
            return new Tensor[] {gi};
        }, x);
        if (x.tangent != null) {
            Tangents.attach(out, () -> {
                int k = x.tangent.dim(0);
                Tensor t = Tensor.zeros(Shape.prepend(k, os));
                transposeInto(x.tangent.data(), x.tangent.offset(), k * batch, r, c, t.data(), 0);
                return t;
            });
        }
        return out;
    }

    /** Blocked transpose of batch [r, c] matrices into [c, r]. */
    static void transposeInto(float[] x, int xOff, int batch, int r, int c, float[] o, int oOff) {
        final int tile = 32;
        for (int b = 0; b < batch; b++) {
            int xb = xOff + b * r * c, ob = oOff + b * r * c;
            for (int i0 = 0; i0 < r; i0 += tile) {
                for (int j0 = 0; j0 < c; j0 += tile) {
                    int i1 = Math.min(r, i0 + tile), j1 = Math.min(c, j0 + tile);
                    for (int i = i0; i < i1; i++) {
                        for (int j = j0; j < j1; j++) {
                            o[ob + j * r + i] = x[xb + i * c + j];
                        }
                    }
                }
            }
        }
    }
}
