package lid.kernels;

import java.util.List;
import java.util.ArrayList;
import static lid.kernels.TestSupport.SCALAR;
import static lid.kernels.TestSupport.U;
import static lid.kernels.TestSupport.VECTOR1;
import static lid.kernels.TestSupport.VECTOR2;
import static lid.kernels.TestSupport.VECTOR3;
import static lid.kernels.TestSupport.assertClose;
import static lid.kernels.TestSupport.assertSameBits;
import static lid.kernels.TestSupport.shifted;
import static lid.kernels.TestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Softmax, layer norm and group norm: known values and every backend against double-precision
 * references, every backend against the scalar reference, every backward against central finite
 * differences of a double re-implementation, thread-count bit identity of the Vector backend.
 * Each tolerance is derived next to its assertion from the length of the sums involved
 * (u = 2^-24). The affine gradients gradGamma / gradBeta add row by row: layer norm's give the
 * reference's bits on every backend, group norm's where the backend sums in the reference's
 * order ({@link TestBackend#referenceOrder}), else within the bound of a float sum.
 */
@ExtendWith(BackendInFailures.class)
class NormalizationTest {

    private static final int[][] SHAPES = {{1, 1}, {1, 5}, {2, 3}, {3, 15}, {4, 16}, {33, 16}, {3, 17}, {5, 17}, {3, 31},
        {2, 33}, {7, 33}, {7, 64}, {2, 255}, {5, 256}, {3, 1000}, {4, 1000}, {4, 4099}, {3000, 33}, {40, 2000}};

    /** {batch, channels, spatial, groups}. */
    private static final int[][] GROUP_SHAPES = {{1, 1, 1, 1}, {4, 3, 5, 1}, {2, 4, 5, 2}, {2, 4, 9, 2}, {3, 6, 17, 3},
        {2, 6, 16, 3}, {3, 8, 17, 4}, {2, 8, 64, 4}, {1, 32, 33, 8}, {2, 16, 1, 16}, {4, 64, 64, 32}, {2, 8, 4099, 2},
        {16, 32, 256, 8}};

    /** A differentiable scalar function of one parameter array (the others held fixed). */
    private interface Loss {
        double at(double[] p);
    }

    /** Central differences of loss at p, step 1e-6 (1 + |p_i|); errors ~1e-10 for these smooth losses. */
    private static double[] finiteDifferences(Loss loss, double[] p) {
        double[] g = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            double h = 1e-6 * (1 + Math.abs(keep));
            p[i] = keep + h;
            double up = loss.at(p);
            p[i] = keep - h;
            double down = loss.at(p);
            p[i] = keep;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    // ---- softmax ------------------------------------------------------------------------------

    private static double[] softmaxD(double[] x, int rows, int cols) {
        double[] y = new double[x.length];
        for (int i = 0; i < rows; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                m = Math.max(m, x[i * cols + j]);
            }
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += Math.exp(x[i * cols + j] - m);
            }
            for (int j = 0; j < cols; j++) {
                y[i * cols + j] = Math.exp(x[i * cols + j] - m) / s;
            }
        }
        return y;
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void softmaxKnownValues(TestBackend backend) {
        Kernels k = backend.kernels();
        float[] out = new float[6];
        k.normalization().softmaxRows(2, 3, new float[] {1f, 2f, 3f, 1000f, 1001f, 1002f}, 0, out, 0);
        float[] expected = {0.09003057f, 0.24472847f, 0.66524096f};
        for (int j = 0; j < 6; j++) {
            assertEquals(expected[j % 3], out[j], 2e-7f, "softmax " + j);
        }
        float[] uniformRow = new float[40];
        k.normalization().softmaxRows(1, 40, new float[40], 0, uniformRow, 0);
        for (float v : uniformRow) {
            assertEquals(1f / 40, v, 1e-8f);
        }
    }

    /**
     * y_j = e_j / sum e: the exps differ by <= 2 ulp between backends, the sums of cols positive
     * terms by <= 2 (cols + 1) u relative, and the division rounds once: per element
     * |diff| <= (2 cols + 8) u y (+ the smallest normal for underflowed exps). Against double,
     * one side's errors: (cols + 8) u y.
     */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void softmaxMatchesScalarAndDouble(TestBackend backend) {
        Kernels k = backend.kernels();
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            float[] x = shifted(uniform(rows * 7L + cols, rows * cols, -8, 8), 3, 0);
            float[] s = new float[rows * cols + 1];
            float[] v = new float[rows * cols + 1];
            SCALAR.normalization().softmaxRows(rows, cols, x, 3, s, 1);
            k.normalization().softmaxRows(rows, cols, x, 3, v, 1);
            String what = "softmax " + rows + "x" + cols;
            for (int i = 0; i < rows * cols; i++) {
                assertClose(s[1 + i], v[1 + i], (2.0 * cols + 8) * U * s[1 + i] + Float.MIN_NORMAL, what, i);
            }
            // In place gives the same bits as out of place.
            float[] inPlace = x.clone();
            k.normalization().softmaxRows(rows, cols, inPlace, 3, inPlace, 3);
            assertSameBits(Arrays.copyOfRange(v, 1, 1 + rows * cols), Arrays.copyOfRange(inPlace, 3, 3 + rows * cols),
                    "softmax in place " + rows + "x" + cols);
            double[] d = softmaxD(toDouble(Arrays.copyOfRange(x, 3, 3 + rows * cols)), rows, cols);
            for (int i = 0; i < rows * cols; i++) {
                assertClose(d[i], v[1 + i], (cols + 8) * U * d[i] + Float.MIN_NORMAL, "softmax vs double", i);
            }
        }
    }

    /**
     * gradIn = y (g - dot), dot = sum_k g_k y_k: the dots differ by <= 2 (cols + 1) u sum|g y|,
     * g - dot and the product round once each: |diff| <= y (2 (cols + 1) u sum|g y| + 4 u (|g| + |dot|)).
     */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void softmaxBackwardMatchesScalar(TestBackend backend) {
        Kernels k = backend.kernels();
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            float[] y = new float[rows * cols];
            SCALAR.normalization().softmaxRows(rows, cols, uniform(rows + cols, rows * cols, -3, 3), 0, y, 0);
            float[] g = shifted(uniform(rows * 3L + cols, rows * cols, -2, 2), 2, 0);
            float[] s = new float[rows * cols];
            float[] v = new float[rows * cols];
            SCALAR.normalization().softmaxRowsBackward(rows, cols, y, 0, g, 2, s, 0);
            k.normalization().softmaxRowsBackward(rows, cols, y, 0, g, 2, v, 0);
            String what = "softmax backward " + rows + "x" + cols;
            for (int i = 0; i < rows; i++) {
                double sumAbs = 0;
                double dot = 0;
                for (int j = 0; j < cols; j++) {
                    sumAbs += Math.abs((double) g[2 + i * cols + j] * y[i * cols + j]);
                    dot += (double) g[2 + i * cols + j] * y[i * cols + j];
                }
                for (int j = 0; j < cols; j++) {
                    int at = i * cols + j;
                    double tol = y[at] * (2.0 * (cols + 1) * U * sumAbs + 4 * U * (Math.abs(g[2 + at]) + Math.abs(dot)));
                    assertClose(s[at], v[at], tol, what, at);
                }
            }
        }
    }

    /**
     * d/dx of L = sum w * softmax(x), by the kernels (float forward, then backward with
     * gradOut = w) and by finite differences of the double softmax. The float path carries
     * ~(cols + 4) u relative error in y and ~(cols + 1) u max|w| in the dot, so
     * |diff| <= 8 (cols + 10) u max|w| with a factor-4 margin.
     */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void softmaxBackwardMatchesFiniteDifferences(TestBackend backend) {
        Kernels k = backend.kernels();
        int rows = 3;
        int cols = 19;
        float[] x = uniform(1, rows * cols, -3, 3);
        float[] w = uniform(2, rows * cols, -2, 2);
        double[] wd = toDouble(w);
        double[] fd = finiteDifferences(p -> {
            double[] y = softmaxD(p, rows, cols);
            double l = 0;
            for (int i = 0; i < y.length; i++) {
                l += wd[i] * y[i];
            }
            return l;
        }, toDouble(x));
        float[] y = new float[rows * cols];
        float[] gx = new float[rows * cols];
        k.normalization().softmaxRows(rows, cols, x, 0, y, 0);
        k.normalization().softmaxRowsBackward(rows, cols, y, 0, w, 0, gx, 0);
        for (int i = 0; i < gx.length; i++) {
            assertClose(fd[i], gx[i], 8.0 * (cols + 10) * U * 2, backend + " softmax grad at " + i);
        }
    }

    // ---- layer norm ---------------------------------------------------------------------------

    /** Double layer norm; writes mean / rstd when given. gamma, beta may be null. */
    private static double[] layerNormD(double[] x, int rows, int cols, double eps, double[] gamma, double[] beta,
                                       double[] mean, double[] rstd) {
        double[] y = new double[x.length];
        for (int i = 0; i < rows; i++) {
            double mu = 0;
            for (int j = 0; j < cols; j++) {
                mu += x[i * cols + j];
            }
            mu /= cols;
            double var = 0;
            for (int j = 0; j < cols; j++) {
                var += (x[i * cols + j] - mu) * (x[i * cols + j] - mu);
            }
            var /= cols;
            double r = 1 / Math.sqrt(var + eps);
            if (mean != null) {
                mean[i] = mu;
                rstd[i] = r;
            }
            for (int j = 0; j < cols; j++) {
                double v = (x[i * cols + j] - mu) * r;
                y[i * cols + j] = v * (gamma == null ? 1 : gamma[j]) + (beta == null ? 0 : beta[j]);
            }
        }
        return y;
    }

    /**
     * Against double: the float mean and variance carry <= (cols + 2) u relative error
     * (sums of cols terms; the variance's terms are positive), rstd one more rounding, xhat
     * = (x - mean) rstd two more; the affine map two more. With |x| <= 3 and rstd <= ~2 here
     * |diff| <= 4 (cols + 10) u (1 + |xhat|) max|gamma| + 2 ulp(out) + |beta| u; without gamma
     * and beta the output is xhat: 4 (cols + 10) u (1 + |xhat|).
     * Against the scalar reference, both sides' errors: mean 2 (cols + 1) u max|x|, rstd
     * 4 (cols + 10) u rstd, output as against double around the reference's value.
     */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void layerNormMatchesDoubleAndScalar(TestBackend backend) {
        Kernels k = backend.kernels();
        float eps = 1e-5f;
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            int size = rows * cols;
            float[] x = shifted(uniform(rows * 5L + cols, size, -2, 3), 4, 0);
            float[] gamma = uniform(cols, cols, 0.5, 1.5);
            float[] beta = uniform(cols + 1, cols, -1, 1);
            double[] md = new double[rows];
            double[] rd = new double[rows];
            double[] xs = toDouble(Arrays.copyOfRange(x, 4, 4 + size));
            for (boolean affine : new boolean[] {true, false}) {
                float[] ga = affine ? gamma : null;
                float[] be = affine ? beta : null;
                double[] yd = layerNormD(xs, rows, cols, eps, affine ? toDouble(gamma) : null, affine ? toDouble(beta) : null, md, rd);
                float[] os = new float[size + 2];
                float[] ms = new float[rows];
                float[] rs = new float[rows];
                SCALAR.normalization().layerNorm(rows, cols, eps, x, 4, ga, be, os, 2, ms, rs);
                float[] out = new float[size + 2];
                float[] mean = new float[rows];
                float[] rstd = new float[rows];
                k.normalization().layerNorm(rows, cols, eps, x, 4, ga, be, out, 2, mean, rstd);
                String where = "layerNorm " + rows + "x" + cols + " affine=" + affine;
                String whereScalar = where + " vs scalar";
                for (int i = 0; i < rows; i++) {
                    assertClose(md[i], mean[i], (cols + 2) * U * 3, "mean row " + i);
                    assertClose(rd[i], rstd[i], 2 * (cols + 10) * U * rd[i], "rstd row " + i);
                    assertClose(ms[i], mean[i], 2.0 * (cols + 1) * U * 3, "mean vs scalar, row " + i);
                    assertClose(rs[i], rstd[i], 4.0 * (cols + 10) * U * rs[i], "rstd vs scalar, row " + i);
                    for (int j = 0; j < cols; j++) {
                        int at = i * cols + j;
                        if (affine) {
                            double xhat = (yd[at] - beta[j]) / gamma[j];
                            double tol = 4.0 * (cols + 10) * U * (1 + Math.abs(xhat)) * 1.5 + 2 * Math.ulp((float) yd[at]) + U;
                            assertClose(yd[at], out[2 + at], tol, where, at);
                        } else {
                            assertClose(yd[at], out[2 + at], 4.0 * (cols + 10) * U * (1 + Math.abs(yd[at])), where, at);
                        }
                        double xhat = (x[4 + at] - ms[i]) * (double) rs[i];
                        double tol = 4.0 * (cols + 10) * U * (1 + Math.abs(xhat)) * 1.5 + 2 * Math.ulp(os[2 + at]) + U;
                        assertClose(os[2 + at], out[2 + at], tol, whereScalar, at);
                    }
                }
            }
        }
    }

    /**
     * Layer norm backward, float kernels against finite differences of the double loss
     * L = sum w * LN(x; gamma, beta), for x, gamma and beta. gradGamma / gradBeta start at 0.25
     * to check that the kernels add into them. The float forward statistics and the
     * backward's two row sums carry ~(cols + 10) u relative error each, magnified by rstd and
     * |w gamma| <= 3: |diff| <= 32 (cols + 10) u (1 + |fd|).
     */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void layerNormBackwardMatchesFiniteDifferences(TestBackend backend) {
        Kernels k = backend.kernels();
        int rows = 3;
        int cols = 21;
        float eps = 1e-5f;
        float[] x = uniform(31, rows * cols, -2, 3);
        float[] gamma = uniform(32, cols, 0.5, 1.5);
        float[] beta = uniform(33, cols, -1, 1);
        float[] w = uniform(34, rows * cols, -2, 2);
        double[] xd = toDouble(x);
        double[] gd = toDouble(gamma);
        double[] bd = toDouble(beta);
        double[] wd = toDouble(w);
        for (boolean affine : new boolean[] {true, false}) {
            Loss byX = p -> dotD(wd, layerNormD(p, rows, cols, eps, affine ? gd : null, affine ? bd : null, null, null));
            Loss byGamma = p -> dotD(wd, layerNormD(xd, rows, cols, eps, p, bd, null, null));
            Loss byBeta = p -> dotD(wd, layerNormD(xd, rows, cols, eps, gd, p, null, null));
            double[] fdX = finiteDifferences(byX, xd.clone());
            double[] fdGamma = finiteDifferences(byGamma, gd.clone());
            double[] fdBeta = finiteDifferences(byBeta, bd.clone());
            double tolScale = 32.0 * (cols + 10) * U;
            float[] out = new float[rows * cols];
            float[] mean = new float[rows];
            float[] rstd = new float[rows];
            float[] g = affine ? gamma : null;
            k.normalization().layerNorm(rows, cols, eps, x, 0, g, affine ? beta : null, out, 0, mean, rstd);
            float[] gx = new float[rows * cols + 3];
            float[] gGamma = new float[cols];
            float[] gBeta = new float[cols];
            Arrays.fill(gGamma, 0.25f);
            Arrays.fill(gBeta, 0.25f);
            k.normalization().layerNormBackward(rows, cols, x, 0, g, mean, rstd, w, 0, gx, 3, affine ? gGamma : null, affine ? gBeta : null);
            for (int i = 0; i < rows * cols; i++) {
                assertClose(fdX[i], gx[3 + i], tolScale * (1 + Math.abs(fdX[i])), backend + " affine=" + affine + " dL/dx " + i);
            }
            if (affine) {
                for (int j = 0; j < cols; j++) {
                    assertClose(fdGamma[j], gGamma[j] - 0.25f, tolScale * (1 + Math.abs(fdGamma[j])), backend + " dL/dgamma " + j);
                    assertClose(fdBeta[j], gBeta[j] - 0.25f, tolScale * (1 + Math.abs(fdBeta[j])), backend + " dL/dbeta " + j);
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    assertEquals(0.25f, gGamma[j], "null gradGamma must not be written");
                }
            }
        }
    }

    private static double dotD(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Against the scalar reference on the same statistics. gradX = rstd (d - a - xhat b) with
     * a, b row means of cols terms: they differ by <= 2 (cols + 1) u mean|d| and
     * 2 (cols + 1) u mean|d xhat|, and the element formula rounds ~4 times:
     * |diff| <= rstd (2 (cols + 1) u (mean|d| + |xhat| mean|d xhat|) + 4 u (|d| + |a| + |xhat b|)).
     * gradGamma and gradBeta add row by row in every backend: identical bits.
     */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void layerNormBackwardMatchesScalar(TestBackend backend) {
        Kernels k = backend.kernels();
        float eps = 1e-5f;
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            int size = rows * cols;
            float[] x = shifted(uniform(rows * 11L + cols, size, -2, 3), 2, 0);
            float[] gamma = uniform(cols + 5, cols, 0.5, 1.5);
            float[] w = shifted(uniform(rows + 3L * cols, size, -2, 2), 1, 0);
            for (boolean affine : new boolean[] {true, false}) {
                float[] ga = affine ? gamma : null;
                float[] mean = new float[rows];
                float[] rstd = new float[rows];
                SCALAR.normalization().layerNorm(rows, cols, eps, x, 2, ga, null, new float[size], 0, mean, rstd);
                float[] gs = new float[size];
                float[] gv = new float[size];
                float[] ggs = affine ? uniform(1, cols, -1, 1) : null;
                float[] ggv = affine ? ggs.clone() : null;
                float[] gbs = affine ? uniform(2, cols, -1, 1) : null;
                float[] gbv = affine ? gbs.clone() : null;
                SCALAR.normalization().layerNormBackward(rows, cols, x, 2, ga, mean, rstd, w, 1, gs, 0, ggs, gbs);
                k.normalization().layerNormBackward(rows, cols, x, 2, ga, mean, rstd, w, 1, gv, 0, ggv, gbv);
                for (int i = 0; i < rows; i++) {
                    checkGradX(gs, gv, x, 2 + i * cols, w, 1 + i * cols, i * cols, ga, 0, 1, cols, mean[i], rstd[i],
                            "layerNormBackward " + rows + "x" + cols + " affine=" + affine);
                }
                if (affine) {
                    assertSameBits(ggs, ggv, "gradGamma " + rows + "x" + cols);
                    assertSameBits(gbs, gbv, "gradBeta " + rows + "x" + cols);
                }
            }
        }
    }

    /**
     * gradX of one segment of len values (a layer norm row or a group norm group) against the
     * reference's, with layerNormBackwardMatchesScalar's bound for N = len; gamma index =
     * c0 + e / perChannel (null: ones).
     */
    private static void checkGradX(float[] gs, float[] gv, float[] x, int xAt, float[] w, int wAt, int gAt, float[] gamma,
                                   int c0, int perChannel, int len, float mean, float rstd, String what) {
        double mD = 0;
        double mDX = 0;
        double a = 0;
        double b = 0;
        for (int e = 0; e < len; e++) {
            double xhat = (x[xAt + e] - mean) * (double) rstd;
            double d = (double) w[wAt + e] * (gamma == null ? 1 : gamma[c0 + e / perChannel]);
            mD += Math.abs(d) / len;
            mDX += Math.abs(d * xhat) / len;
            a += d / len;
            b += d * xhat / len;
        }
        for (int e = 0; e < len; e++) {
            double xhat = (x[xAt + e] - mean) * (double) rstd;
            double d = (double) w[wAt + e] * (gamma == null ? 1 : gamma[c0 + e / perChannel]);
            double tol = rstd * (2.0 * (len + 1) * U * (mD + Math.abs(xhat) * mDX)
                    + 4 * U * (Math.abs(d) + Math.abs(a) + Math.abs(xhat * b)));
            assertClose(gs[gAt + e], gv[gAt + e], tol, what, gAt + e);
        }
    }

    // ---- group norm ---------------------------------------------------------------------------

    private static double[] groupNormD(double[] x, int batch, int channels, int spatial, int groups, double eps,
                                       double[] gamma, double[] beta) {
        int cpg = channels / groups;
        int len = cpg * spatial;
        double[] y = new double[x.length];
        for (int b = 0; b < batch; b++) {
            for (int g = 0; g < groups; g++) {
                int seg = (b * channels + g * cpg) * spatial;
                double mu = 0;
                for (int i = 0; i < len; i++) {
                    mu += x[seg + i];
                }
                mu /= len;
                double var = 0;
                for (int i = 0; i < len; i++) {
                    var += (x[seg + i] - mu) * (x[seg + i] - mu);
                }
                var /= len;
                double r = 1 / Math.sqrt(var + eps);
                for (int i = 0; i < len; i++) {
                    int c = g * cpg + i / spatial;
                    y[seg + i] = (x[seg + i] - mu) * r * (gamma == null ? 1 : gamma[c]) + (beta == null ? 0 : beta[c]);
                }
            }
        }
        return y;
    }

    /**
     * Against double, the same error budget as layer norm with N = channels/groups * spatial
     * values per statistic: |diff| <= 4 (N + 10) u (1 + |xhat|) max|gamma| + 2 ulp(out) + u;
     * against the scalar reference the same around its value.
     */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void groupNormMatchesDoubleAndScalar(TestBackend backend) {
        Kernels k = backend.kernels();
        float eps = 1e-5f;
        for (int[] sh : GROUP_SHAPES) {
            int batch = sh[0];
            int channels = sh[1];
            int spatial = sh[2];
            int groups = sh[3];
            int size = batch * channels * spatial;
            int n = channels / groups * spatial;
            String shape = Arrays.toString(sh);
            float[] x = shifted(uniform(size + 1L, size, -2, 3), 2, 0);
            float[] gamma = uniform(channels, channels, 0.5, 1.5);
            float[] beta = uniform(channels + 1, channels, -1, 1);
            double[] yd = groupNormD(toDouble(Arrays.copyOfRange(x, 2, 2 + size)), batch, channels, spatial, groups,
                    eps, toDouble(gamma), toDouble(beta));
            float[] os = new float[size];
            float[] ms = new float[batch * groups];
            float[] rs = new float[batch * groups];
            SCALAR.normalization().groupNorm(batch, channels, spatial, groups, eps, x, 2, gamma, beta, os, 0, ms, rs);
            float[] out = new float[size];
            k.normalization().groupNorm(batch, channels, spatial, groups, eps, x, 2, gamma, beta, out, 0,
                    new float[batch * groups], new float[batch * groups]);
            String what = "groupNorm " + shape;
            String whatScalar = what + " vs scalar";
            for (int i = 0; i < size; i++) {
                int c = (i / spatial) % channels;
                double xhat = (yd[i] - beta[c]) / gamma[c];
                double tol = 4.0 * (n + 10) * U * (1 + Math.abs(xhat)) * 1.5 + 2 * Math.ulp((float) yd[i]) + U;
                assertClose(yd[i], out[i], tol, what, i);
                int stat = i / spatial / channels * groups + c / (channels / groups);
                double xhatS = (x[2 + i] - ms[stat]) * (double) rs[stat];
                double tolS = 4.0 * (n + 10) * U * (1 + Math.abs(xhatS)) * 1.5 + 2 * Math.ulp(os[i]) + U;
                assertClose(os[i], out[i], tolS, whatScalar, i);
            }
        }
    }

    /**
     * Against the scalar reference on its statistics: gradX as for layer norm with
     * N = channels/groups * spatial; gradGamma / gradBeta add batch * spatial terms to their
     * starting value: 2 (batch spatial + 2) u sum|terms|, or the reference's bits.
     */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void groupNormBackwardMatchesScalar(TestBackend backend) {
        Kernels k = backend.kernels();
        float eps = 1e-5f;
        for (int[] sh : GROUP_SHAPES) {
            int batch = sh[0];
            int channels = sh[1];
            int spatial = sh[2];
            int groups = sh[3];
            int size = batch * channels * spatial;
            int cpg = channels / groups;
            int n = cpg * spatial;
            String shape = Arrays.toString(sh);
            float[] x = shifted(uniform(size + 1L, size, -2, 3), 2, 0);
            float[] gamma = uniform(channels, channels, 0.5, 1.5);
            float[] mean = new float[batch * groups];
            float[] rstd = new float[batch * groups];
            SCALAR.normalization().groupNorm(batch, channels, spatial, groups, eps, x, 2, gamma, null, new float[size], 0, mean, rstd);
            float[] w = uniform(size + 9L, size, -2, 2);
            float[] gs = new float[size];
            float[] gv = new float[size];
            float[] gg0 = uniform(1, channels, -1, 1);
            float[] gb0 = uniform(2, channels, -1, 1);
            float[] ggs = gg0.clone();
            float[] ggv = gg0.clone();
            float[] gbs = gb0.clone();
            float[] gbv = gb0.clone();
            SCALAR.normalization().groupNormBackward(batch, channels, spatial, groups, x, 2, gamma, mean, rstd, w, 0, gs, 0, ggs, gbs);
            k.normalization().groupNormBackward(batch, channels, spatial, groups, x, 2, gamma, mean, rstd, w, 0, gv, 0, ggv, gbv);
            for (int q = 0; q < batch * groups; q++) {
                int seg = (q / groups * channels + q % groups * cpg) * spatial;
                checkGradX(gs, gv, x, 2 + seg, w, seg, seg, gamma, q % groups * cpg, spatial, n, mean[q], rstd[q],
                        "groupNormBackward " + shape);
            }
            if (backend.referenceOrder()) {
                assertSameBits(ggs, ggv, "groupNorm gradGamma " + shape);
                assertSameBits(gbs, gbv, "groupNorm gradBeta " + shape);
                continue;
            }
            for (int c = 0; c < channels; c++) {
                double absG = Math.abs(gg0[c]);
                double absB = Math.abs(gb0[c]);
                for (int bi = 0; bi < batch; bi++) {
                    int q = bi * groups + c / cpg;
                    for (int s = 0; s < spatial; s++) {
                        int at = (bi * channels + c) * spatial + s;
                        absG += Math.abs(w[at] * (x[2 + at] - mean[q]) * (double) rstd[q]);
                        absB += Math.abs(w[at]);
                    }
                }
                int terms = batch * spatial;
                assertClose(ggs[c], ggv[c], 2.0 * (terms + 2) * U * absG, "gradGamma " + shape + " channel " + c);
                assertClose(gbs[c], gbv[c], 2.0 * (terms + 1) * U * absB, "gradBeta " + shape + " channel " + c);
            }
        }
    }

    /** Group norm backward against finite differences; tolerance as for layer norm with N = cpg * spatial. */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void groupNormBackwardMatchesFiniteDifferences(TestBackend backend) {
        Kernels k = backend.kernels();
        int batch = 2;
        int channels = 6;
        int spatial = 5;
        int groups = 3;
        float eps = 1e-5f;
        int size = batch * channels * spatial;
        float[] x = uniform(41, size, -2, 3);
        float[] gamma = uniform(42, channels, 0.5, 1.5);
        float[] beta = uniform(43, channels, -1, 1);
        float[] w = uniform(44, size, -2, 2);
        double[] xd = toDouble(x);
        double[] gd = toDouble(gamma);
        double[] bd = toDouble(beta);
        double[] wd = toDouble(w);
        double[] fdX = finiteDifferences(p -> dotD(wd, groupNormD(p, batch, channels, spatial, groups, eps, gd, bd)), xd.clone());
        double[] fdGamma = finiteDifferences(p -> dotD(wd, groupNormD(xd, batch, channels, spatial, groups, eps, p, bd)), gd.clone());
        double[] fdBeta = finiteDifferences(p -> dotD(wd, groupNormD(xd, batch, channels, spatial, groups, eps, gd, p)), bd.clone());
        double[] fdPlain = finiteDifferences(p -> dotD(wd, groupNormD(p, batch, channels, spatial, groups, eps, null, null)), xd.clone());
        double tolScale = 32.0 * (channels / groups * spatial + batch * spatial + 10) * U;
        float[] mean = new float[batch * groups];
        float[] rstd = new float[batch * groups];
        k.normalization().groupNorm(batch, channels, spatial, groups, eps, x, 0, gamma, beta, new float[size], 0, mean, rstd);
        float[] gx = new float[size];
        float[] gGamma = new float[channels];
        float[] gBeta = new float[channels];
        Arrays.fill(gGamma, -0.5f);
        Arrays.fill(gBeta, -0.5f);
        k.normalization().groupNormBackward(batch, channels, spatial, groups, x, 0, gamma, mean, rstd, w, 0, gx, 0, gGamma, gBeta);
        for (int i = 0; i < size; i++) {
            assertClose(fdX[i], gx[i], tolScale * (1 + Math.abs(fdX[i])), backend + " groupNorm dL/dx " + i);
        }
        for (int c = 0; c < channels; c++) {
            assertClose(fdGamma[c], gGamma[c] + 0.5f, tolScale * (1 + Math.abs(fdGamma[c])), backend + " dL/dgamma " + c);
            assertClose(fdBeta[c], gBeta[c] + 0.5f, tolScale * (1 + Math.abs(fdBeta[c])), backend + " dL/dbeta " + c);
        }
        k.normalization().groupNorm(batch, channels, spatial, groups, eps, x, 0, null, null, new float[size], 0, mean, rstd);
        k.normalization().groupNormBackward(batch, channels, spatial, groups, x, 0, null, mean, rstd, w, 0, gx, 0, null, null);
        for (int i = 0; i < size; i++) {
            assertClose(fdPlain[i], gx[i], tolScale * (1 + Math.abs(fdPlain[i])), backend + " no affine dL/dx " + i);
        }
    }

    /** groupNorm with one group per sample equals layerNorm over the rows [batch, channels*spatial]. */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void groupNormWithOneGroupIsLayerNormOfTheSample(TestBackend backend) {
        Kernels k = backend.kernels();
        int batch = 3;
        int channels = 4;
        int spatial = 9;
        float[] x = uniform(51, batch * channels * spatial, -2, 3);
        float[] g = new float[x.length];
        float[] l = new float[x.length];
        float[] gm = new float[batch];
        float[] gr = new float[batch];
        float[] lm = new float[batch];
        float[] lr = new float[batch];
        k.normalization().groupNorm(batch, channels, spatial, 1, 1e-5f, x, 0, null, null, g, 0, gm, gr);
        k.normalization().layerNorm(batch, channels * spatial, 1e-5f, x, 0, null, null, l, 0, lm, lr);
        assertSameBits(l, g, backend + " output");
        assertSameBits(lm, gm, backend + " mean");
        assertSameBits(lr, gr, backend + " rstd");
    }

    @Test
    void bitIdenticalForEveryThreadCount() {
        int rows = 300;
        int cols = 1000;
        float[] x = uniform(61, rows * cols, -3, 3);
        float[] w = uniform(62, rows * cols, -1, 1);
        float[] gamma = uniform(63, cols, 0.5, 1.5);
        float[] beta = uniform(64, cols, -1, 1);
        Kernels[] ks = {VECTOR1, VECTOR2, VECTOR3};
        float[][] results = new float[3][];
        for (int t = 0; t < 3; t++) {
            Kernels k = ks[t];
            float[] sm = new float[rows * cols];
            k.normalization().softmaxRows(rows, cols, x, 0, sm, 0);
            float[] smb = new float[rows * cols];
            k.normalization().softmaxRowsBackward(rows, cols, sm, 0, w, 0, smb, 0);
            float[] ln = new float[rows * cols];
            float[] mean = new float[rows];
            float[] rstd = new float[rows];
            k.normalization().layerNorm(rows, cols, 1e-5f, x, 0, gamma, beta, ln, 0, mean, rstd);
            float[] lnb = new float[rows * cols];
            float[] gg = new float[cols];
            float[] gb = new float[cols];
            k.normalization().layerNormBackward(rows, cols, x, 0, gamma, mean, rstd, w, 0, lnb, 0, gg, gb);
            // group norm: batch 10, channels 30, spatial 1000, 5 groups.
            float[] gn = new float[rows * cols];
            float[] gmean = new float[50];
            float[] grstd = new float[50];
            float[] cg = uniform(65, 30, 0.5, 1.5);
            k.normalization().groupNorm(10, 30, 1000, 5, 1e-5f, x, 0, cg, null, gn, 0, gmean, grstd);
            float[] gnb = new float[rows * cols];
            float[] cgg = new float[30];
            float[] cgb = new float[30];
            k.normalization().groupNormBackward(10, 30, 1000, 5, x, 0, cg, gmean, grstd, w, 0, gnb, 0, cgg, cgb);
            results[t] = concat(sm, smb, ln, mean, rstd, lnb, gg, gb, gn, gmean, grstd, gnb, cgg, cgb);
        }
        assertSameBits(results[0], results[1], "1 vs 2 threads");
        assertSameBits(results[0], results[2], "1 vs 3 threads");
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] all = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Calls every backend must reject with the reference's message (run by {@link BadArgumentsTest}). */
    static List<BadCall> badCalls() {
        float[] a8 = new float[8];
        float[] a4 = new float[4];
        List<BadCall> c = new ArrayList<>();
        c.add(new BadCall("softmax short out", "out", k -> k.normalization().softmaxRows(2, 3, a8, 0, a4, 0)));
        c.add(new BadCall("softmax negative cols", "cols", k -> k.normalization().softmaxRows(2, -3, a8, 0, a8, 0)));
        c.add(new BadCall("softmax backward short gradIn", "gradIn", k -> k.normalization().softmaxRowsBackward(2, 3, a8, 0, a8, 0, a4, 0)));
        c.add(new BadCall("softmax backward short y", "y", k -> k.normalization().softmaxRowsBackward(3, 3, a8, 0, a8, 0, a8, 0)));
        c.add(new BadCall("layerNorm short gamma", "gamma", k -> k.normalization().layerNorm(1, 5, 1e-5f, a8, 0, a4, null, a8, 0, a8, a8)));
        c.add(new BadCall("layerNorm short beta", "beta", k -> k.normalization().layerNorm(1, 5, 1e-5f, a8, 0, null, a4, a8, 0, a8, a8)));
        c.add(new BadCall("layerNorm short mean", "mean", k -> k.normalization().layerNorm(5, 1, 1e-5f, a8, 0, null, null, a8, 0, a4, a8)));
        c.add(new BadCall("layerNorm null rstd", "rstd", k -> k.normalization().layerNorm(2, 2, 1e-5f, a8, 0, null, null, a8, 0, a8, null)));
        c.add(new BadCall("layerNorm negative eps", "eps", k -> k.normalization().layerNorm(2, 2, -1e-5f, a8, 0, null, null, a8, 0, a8, a8)));
        c.add(new BadCall("layerNorm NaN eps", "eps", k -> k.normalization().layerNorm(2, 2, Float.NaN, a8, 0, null, null, a8, 0, a8, a8)));
        c.add(new BadCall("layerNormBackward short gradGamma", "gradGamma",
                k -> k.normalization().layerNormBackward(1, 5, a8, 0, null, a8, a8, a8, 0, a8, 0, a4, null)));
        c.add(new BadCall("layerNormBackward short gradX", "gradX",
                k -> k.normalization().layerNormBackward(1, 5, a8, 0, null, a8, a8, a8, 0, a4, 0, null, null)));
        c.add(new BadCall("layerNormBackward short gradOut", "gradOut",
                k -> k.normalization().layerNormBackward(1, 5, a8, 0, null, a8, a8, a4, 0, a8, 0, null, null)));
        c.add(new BadCall("groupNorm zero groups", "groups",
                k -> k.normalization().groupNorm(1, 4, 2, 0, 1e-5f, a8, 0, null, null, a8, 0, a8, a8)));
        c.add(new BadCall("groupNorm groups not dividing channels", "groups",
                k -> k.normalization().groupNorm(1, 4, 2, 3, 1e-5f, a8, 0, null, null, a8, 0, a8, a8)));
        c.add(new BadCall("groupNorm short mean", "mean",
                k -> k.normalization().groupNorm(3, 2, 1, 2, 1e-5f, a8, 0, null, null, a8, 0, a4, a8)));
        c.add(new BadCall("groupNorm short x", "x",
                k -> k.normalization().groupNorm(2, 4, 2, 2, 1e-5f, a8, 0, null, null, new float[16], 0, a8, a8)));
        c.add(new BadCall("groupNorm short gamma", "gamma",
                k -> k.normalization().groupNorm(1, 6, 1, 2, 1e-5f, a8, 0, a4, null, a8, 0, a8, a8)));
        c.add(new BadCall("groupNorm negative spatial", "spatial",
                k -> k.normalization().groupNorm(1, 2, -1, 1, 1e-5f, a8, 0, null, null, a8, 0, a8, a8)));
        c.add(new BadCall("groupNormBackward short gradBeta", "gradBeta",
                k -> k.normalization().groupNormBackward(1, 6, 1, 2, a8, 0, null, a8, a8, a8, 0, a8, 0, null, a4)));
        c.add(new BadCall("groupNormBackward short rstd", "rstd",
                k -> k.normalization().groupNormBackward(5, 2, 1, 1, new float[10], 0, null, a8, a4, new float[10], 0, new float[10], 0, null, null)));
        return c;
    }
}
