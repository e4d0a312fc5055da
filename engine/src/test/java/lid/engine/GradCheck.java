package lid.engine;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * Checks one op three ways against a double-precision reference forward:
 * <ol>
 *   <li>forward values: |y - ref| <= 1e-4 (1 + |ref|) (float32 rounding of short reductions);</li>
 *   <li>VJP: the gradient of L = sum(v * y) for random v against central differences of the
 *       double reference (h = 1e-5 max(1, |x|), truncation error ~h^2, negligible): within
 *       2e-3 * (max |fd| + 1e-2) plus a 2e-3 relative term (float32 gradients of sums of up
 *       to a few hundred terms);</li>
 *   <li>JVP: k = 2 tangent directions u against central differences of the reference along
 *       u, same tolerance; and the two-way identity v^T (J u) = (v^T J) u between our own JVP
 *       and VJP, to 1e-4 relative.</li>
 * </ol>
 */
final class GradCheck {
    private GradCheck() {}

    record Case(String name, int[][] shapes, boolean[] withTangent, Function<Tensor[], Tensor> op,
                Function<double[][], double[]> ref, DoubleUnaryOperator domain) {
        Case(String name, int[][] shapes, boolean[] withTangent, Function<Tensor[], Tensor> op,
             Function<double[][], double[]> ref) {
            this(name, shapes, withTangent, op, ref, x -> x);
        }
    }

    static void run(Case c, long seed) {
        Random rnd = new Random(seed);
        int nIn = c.shapes.length;
        float[][] xs = new float[nIn][];
        double[][] xd = new double[nIn][];
        for (int i = 0; i < nIn; i++) {
            int n = Shape.size(c.shapes[i]);
            xs[i] = new float[n];
            xd[i] = new double[n];
            for (int j = 0; j < n; j++) {
                xs[i][j] = (float) c.domain.applyAsDouble(rnd.nextGaussian());
                xd[i][j] = xs[i][j];
            }
        }
        try (Arena arena = Arena.open()) {
            // 1. forward
            Tensor[] in = inputs(c, xs, false);
            Tensor y = c.op.apply(in);
            double[] want = c.ref.apply(xd);
            float[] got = y.toArray();
            if (got.length != want.length) {
                throw new AssertionError(c.name + ": output has " + got.length + " values, reference " + want.length);
            }
            for (int j = 0; j < got.length; j++) {
                if (!(Math.abs(got[j] - want[j]) <= 1e-4 * (1 + Math.abs(want[j])))) {
                    throw new AssertionError(c.name + " forward[" + j + "]: got " + got[j] + " want " + want[j]);
                }
            }
            // 2. VJP vs central differences
            float[] v = new float[got.length];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) rnd.nextGaussian();
            }
            Tensor[] inG = inputs(c, xs, true);
            Tensor yG = c.op.apply(inG);
            yG.backward(Tensor.of(v, yG.shape()));
            double[][] fd = new double[nIn][];
            for (int i = 0; i < nIn; i++) {
                fd[i] = new double[xs[i].length];
                for (int j = 0; j < xs[i].length; j++) {
                    double x0 = xd[i][j];
                    double h = 1e-5 * Math.max(1, Math.abs(x0));
                    xd[i][j] = x0 + h;
                    double up = dot(c.ref.apply(xd), v);
                    xd[i][j] = x0 - h;
                    double down = dot(c.ref.apply(xd), v);
                    xd[i][j] = x0;
                    fd[i][j] = (up - down) / (2 * h);
                }
                Tensor g = inG[i].grad();
                if (g == null) {
                    throw new AssertionError(c.name + ": input " + i + " got no gradient");
                }
                compare(c.name + " VJP input " + i, g.toArray(), fd[i]);
            }
            // 3. JVP vs central differences along u, and v^T(Ju) = (v^T J)u
            int k = 2;
            float[][] u = new float[nIn][];
            Tensor[] inT = inputs(c, xs, false);
            for (int i = 0; i < nIn; i++) {
                if (!c.withTangent[i]) {
                    continue;
                }
                u[i] = new float[k * xs[i].length];
                for (int j = 0; j < u[i].length; j++) {
                    u[i][j] = (float) rnd.nextGaussian();
                }
                inT[i].withTangent(Tensor.of(u[i], Shape.prepend(k, c.shapes[i])));
            }
            Tensor yT = c.op.apply(inT);
            if (yT.tangent() == null) {
                throw new AssertionError(c.name + ": no tangent on the output");
            }
            float[] t = yT.tangent().toArray();
            int m = got.length;
            for (int d = 0; d < k; d++) {
                double[] fdDir = new double[m];
                double h = 1e-5;
                double[][] plus = shifted(xd, u, d, h), minus = shifted(xd, u, d, -h);
                double[] yp = c.ref.apply(plus), ym = c.ref.apply(minus);
                for (int j = 0; j < m; j++) {
                    fdDir[j] = (yp[j] - ym[j]) / (2 * h);
                }
                compare(c.name + " JVP direction " + d, Arrays.copyOfRange(t, d * m, (d + 1) * m), fdDir);
                double lhs = 0, lhsMag = 0;
                for (int j = 0; j < m; j++) {
                    lhs += (double) v[j] * t[d * m + j];
                    lhsMag += Math.abs((double) v[j] * t[d * m + j]);
                }
                double rhs = 0, rhsMag = 0;
                for (int i = 0; i < nIn; i++) {
                    if (u[i] == null) {
                        continue;
                    }
                    float[] g = inG[i].grad().toArray();
                    for (int j = 0; j < g.length; j++) {
                        rhs += (double) g[j] * u[i][d * g.length + j];
                        rhsMag += Math.abs((double) g[j] * u[i][d * g.length + j]);
                    }
                }
                if (!(Math.abs(lhs - rhs) <= 1e-4 * (lhsMag + rhsMag) + 1e-6)) {
                    throw new AssertionError(c.name + ": v^T(Ju) = " + lhs + " but (v^T J)u = " + rhs);
                }
            }
        }
    }

    private static Tensor[] inputs(Case c, float[][] xs, boolean grad) {
        Tensor[] in = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            in[i] = Tensor.of(xs[i], c.shapes[i]).requiresGrad(grad);
        }
        return in;
    }

    private static double[][] shifted(double[][] x, float[][] u, int d, double h) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            if (u[i] != null) {
                int n = x[i].length;
                for (int j = 0; j < n; j++) {
                    out[i][j] += h * u[i][d * n + j];
                }
            }
        }
        return out;
    }

    private static double dot(double[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void compare(String what, float[] got, double[] want) {
        double scale = 0;
        for (double w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        for (int j = 0; j < got.length; j++) {
            double tol = 2e-3 * (scale + 1e-2) + 2e-3 * Math.abs(want[j]);
            if (!(Math.abs(got[j] - want[j]) <= tol)) {
                throw new AssertionError(what + "[" + j + "]: got " + got[j] + " want " + want[j] + " (tol " + tol + ")");
            }
        }
    }
}
