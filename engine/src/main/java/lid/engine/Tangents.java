package lid.engine;

import java.util.Arrays;

/** Forward-mode helpers: which inputs carry tangents, their common k, and aligned views. */
final class Tangents {
    private Tangents() {}

    static boolean any(Tensor... xs) {
        for (Tensor x : xs) {
            if (x != null && x.tangent != null) {
                return true;
            }
        }
        return false;
    }

    /** The common number of tangent directions k (inputs without a tangent are zero directions). */
    static int k(Tensor... xs) {
        int k = -1;
        for (Tensor x : xs) {
            if (x != null && x.tangent != null) {
                int kx = x.tangent.dim(0);
                if (k >= 0 && kx != k) {
                    throw new IllegalArgumentException("inputs carry different numbers of tangent directions: " + k
                            + " and " + kx);
                }
                k = kx;
            }
        }
        return k;
    }

    /** x's tangent viewed as [k, 1, ..., 1, ...x.shape] with rank outRank + 1, or null. */
    static Tensor aligned(Tensor x, int outRank) {
        if (x.tangent == null) {
            return null;
        }
        int[] xs = x.shape();
        if (xs.length == outRank) {
            return x.tangent;
        }
        int[] s = new int[outRank + 1];
        Arrays.fill(s, 1);
        s[0] = x.tangent.dim(0);
        System.arraycopy(xs, 0, s, 1 + outRank - xs.length, xs.length);
        return x.tangent.view(x.tangent.offset(), s);
    }

    /** Sets out.tangent computed without recording; returns out. */
    static Tensor attach(Tensor out, java.util.function.Supplier<Tensor> jvp) {
        try (Grad.Scope off = Grad.off()) {
            Tensor t = jvp.get();
            if (!Arrays.equals(Shape.dropFirst(t.shape()), out.shape())) {
                throw new IllegalStateException("internal: JVP produced " + Arrays.toString(t.shape()) + " for output "
                        + Arrays.toString(out.shape()));
            }
            out.tangent = t;
        }
        return out;
    }
}
