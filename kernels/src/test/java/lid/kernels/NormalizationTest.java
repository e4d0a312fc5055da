package lid.kernels;

import static lid.kernels.TestSupport.SCALAR;
import static lid.kernels.TestSupport.U;
import static lid.kernels.TestSupport.VECTOR1;
import static lid.kernels.TestSupport.VECTOR2;
import static lid.kernels.TestSupport.VECTOR3;
import static lid.kernels.TestSupport.assertClose;
import static lid.kernels.TestSupport.assertSameBits;
import static lid.kernels.TestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Softmax, layer norm and group norm: known values against double-precision references,
 * Vector API against the scalar reference, every backward against central finite differences
 * of a double re-implementation, thread-count bit identity. Each tolerance is derived next to
 * its assertion from the length of the sums involved (u = 2^-24).
 */
class NormalizationTest {

    private static final Kernels[] BACKENDS = {SCALAR, VECTOR1};
    private static final int[][] SHAPES = {{1, 1}, {2, 3}, {3, 15}, {4, 16}, {5, 17}, {3, 31}, {2, 33}, {7, 64}, {3, 1000},
            {4, 4099}, {3000, 33}, {40, 2000}};

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

    @Test
    void softmaxKnownValues() {
        for (Kernels k : BACKENDS) {
            float[] out = new float[6];
            k.normalization().softmaxRows(2, 3, new float[] {1f, 2f, 3f, 1000f, 1001f, 1002f}, 0, out, 0);
            float[] expected = {0.09003057f, 0.24472847f, 0.66524096f};
            for (int j = 0; j < 6; j++) {
                assertEquals(expected[j % 3], out[j], 2e-7f, k.name() + " softmax " + j);
            }
            float[] uniformRow = new float[40];
            k.normalization().softmaxRows(1, 40, new float[40], 0, uniformRow, 0);
            for (float v : uniformRow) {
                assertEquals(1f / 40, v, 1e-8f);
            }
        }
    }

    /**
     * y_j = e_j / sum e: the exps differ by <= 2 ulp between backends, the sums of cols positive
     * terms by <= 2 (cols + 1) u relative, and the division rounds once: per element
     * |diff| <= (2 cols + 8) u y (+ the smallest normal for underflowed exps).
     */
    @Test
    void softmaxVectorMatchesScalar() {
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            float[] x = TestSupport.shifted(uniform(rows * 7L + cols, rows * cols, -8, 8), 3, 0);
            float[] s = new float[rows * cols + 1];
            float[] v = new float[rows * cols + 1];
            SCALAR.normalization().softmaxRows(rows, cols, x, 3, s, 1);
            VECTOR2.normalization().softmaxRows(rows, cols, x, 3, v, 1);
            for (int i = 0; i < rows * cols; i++) {
                assertClose(s[1 + i], v[1 + i], (2.0 * cols + 8) * U * s[1 + i] + Float.MIN_NORMAL,
                        "softmax " + rows + "x" + cols + " at " + i);
            }
            // In place gives the same bits as out of place.
            float[] inPlace = x.clone();
            VECTOR2.normalization().softmaxRows(rows, cols, inPlace, 3, inPlace, 3);
            for (int i = 0; i < rows * cols; i++) {
                assertEquals(Float.floatToIntBits(v[1 + i]), Float.floatToIntBits(inPlace[3 + i]));
            }
            double[] d = softmaxD(toDouble(java.util.Arrays.copyOfRange(x, 3, 3 + rows * cols)), rows, cols);
            for (int i = 0; i < rows * cols; i++) {
                assertClose(d[i], v[1 + i], (cols + 8) * U * d[i] + Float.MIN_NORMAL, "softmax vs double at " + i);
            }
        }
    }

    /**
     * gradIn = y (g - dot), dot = sum_k g_k y_k: the dots differ by <= 2 (cols + 1) u sum|g y|,
     * g - dot and the product round once each: |diff| <= y (2 (cols + 1) u sum|g y| + 4 u (|g| + |dot|)).
     */
    @Test
    void softmaxBackwardVectorMatchesScalar() {
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            float[] y = new float[rows * cols];
            SCALAR.normalization().softmaxRows(rows, cols, uniform(rows + cols, rows * cols, -3, 3), 0, y, 0);
            float[] g = TestSupport.shifted(uniform(rows * 3L + cols, rows * cols, -2, 2), 2, 0);
            float[] s = new float[rows * cols];
            float[] v = new float[rows * cols];
            SCALAR.normalization().softmaxRowsBackward(rows, cols, y, 0, g, 2, s, 0);
            VECTOR2.normalization().softmaxRowsBackward(rows, cols, y, 0, g, 2, v, 0);
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
                    assertClose(s[at], v[at], tol, "softmax backward " + rows + "x" + cols + " at " + at);
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
    @Test
    void softmaxBackwardMatchesFiniteDifferences() {
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
        for (Kernels k : BACKENDS) {
            float[] y = new float[rows * cols];
            float[] gx = new float[rows * cols];
            k.normalization().softmaxRows(rows, cols, x, 0, y, 0);
            k.normalization().softmaxRowsBackward(rows, cols, y, 0, w, 0, gx, 0);
            for (int i = 0; i < gx.length; i++) {
                assertClose(fd[i], gx[i], 8.0 * (cols + 10) * U * 2, k.name() + " softmax grad at " + i);
            }
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
     * |diff| <= 4 (cols + 10) u (1 + |xhat|) max|gamma| + 2 ulp(out) + |beta| u.
     */
    @Test
    void layerNormMatchesDoubleAndScalar() {
        float eps = 1e-5f;
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            float[] x = TestSupport.shifted(uniform(rows * 5L + cols, rows * cols, -2, 3), 4, 0);
            float[] gamma = uniform(cols, cols, 0.5, 1.5);
            float[] beta = uniform(cols + 1, cols, -1, 1);
            double[] md = new double[rows];
            double[] rd = new double[rows];
            double[] yd = layerNormD(toDouble(java.util.Arrays.copyOfRange(x, 4, 4 + rows * cols)), rows, cols, eps,
                    toDouble(gamma), toDouble(beta), md, rd);
            float[][] outs = new float[2][];
            int b = 0;
            for (Kernels k : new Kernels[] {SCALAR, VECTOR2}) {
                float[] out = new float[rows * cols + 2];
                float[] mean = new float[rows];
                float[] rstd = new float[rows];
                k.normalization().layerNorm(rows, cols, eps, x, 4, gamma, beta, out, 2, mean, rstd);
                for (int i = 0; i < rows; i++) {
                    assertClose(md[i], mean[i], (cols + 2) * U * 3, k.name() + " mean row " + i);
                    assertClose(rd[i], rstd[i], 2 * (cols + 10) * U * rd[i], k.name() + " rstd row " + i);
                    for (int j = 0; j < cols; j++) {
                        int at = i * cols + j;
                        double xhat = (yd[at] - beta[j]) / gamma[j];
                        double tol = 4.0 * (cols + 10) * U * (1 + Math.abs(xhat)) * 1.5 + 2 * Math.ulp((float) yd[at]) + U;
                        assertClose(yd[at], out[2 + at], tol, k.name() + " layerNorm " + rows + "x" + cols + " at " + at);
                    }
                }
                outs[b++] = out;
            }
            // Without gamma and beta the output is xhat.
            float[] plain = new float[rows * cols];
            VECTOR2.normalization().layerNorm(rows, cols, eps, x, 4, null, null, plain, 0, new float[rows], new float[rows]);
            double[] xd = layerNormD(toDouble(java.util.Arrays.copyOfRange(x, 4, 4 + rows * cols)), rows, cols, eps, null, null, null, null);
            for (int i = 0; i < plain.length; i++) {
                assertClose(xd[i], plain[i], 4.0 * (cols + 10) * U * (1 + Math.abs(xd[i])), "layerNorm without affine at " + i);
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
    @Test
    void layerNormBackwardMatchesFiniteDifferences() {
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
            for (Kernels k : BACKENDS) {
                float[] out = new float[rows * cols];
                float[] mean = new float[rows];
                float[] rstd = new float[rows];
                float[] g = affine ? gamma : null;
                k.normalization().layerNorm(rows, cols, eps, x, 0, g, affine ? beta : null, out, 0, mean, rstd);
                float[] gx = new float[rows * cols + 3];
                float[] gGamma = new float[cols];
                float[] gBeta = new float[cols];
                java.util.Arrays.fill(gGamma, 0.25f);
                java.util.Arrays.fill(gBeta, 0.25f);
                k.normalization().layerNormBackward(rows, cols, x, 0, g, mean, rstd, w, 0, gx, 3, affine ? gGamma : null, affine ? gBeta : null);
                for (int i = 0; i < rows * cols; i++) {
                    assertClose(fdX[i], gx[3 + i], tolScale * (1 + Math.abs(fdX[i])), k.name() + " affine=" + affine + " dL/dx " + i);
                }
                if (affine) {
                    for (int j = 0; j < cols; j++) {
                        assertClose(fdGamma[j], gGamma[j] - 0.25f, tolScale * (1 + Math.abs(fdGamma[j])), k.name() + " dL/dgamma " + j);
                        assertClose(fdBeta[j], gBeta[j] - 0.25f, tolScale * (1 + Math.abs(fdBeta[j])), k.name() + " dL/dbeta " + j);
                    }
                } else {
                    for (int j = 0; j < cols; j++) {
                        assertEquals(0.25f, gGamma[j], "null gradGamma must not be written");
                    }
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
     * Vector against scalar backward on the same statistics. gradX = rstd (d - a - xhat b)
     * with a, b row means of cols terms: they differ by <= 2 (cols + 1) u mean|d| and
     * 2 (cols + 1) u mean|d xhat|, and the element formula rounds ~4 times:
     * |diff| <= rstd (2 (cols + 1) u (mean|d| + |xhat| mean|d xhat|) + 4 u (|d| + |a| + |xhat b|)).
     * gradGamma and gradBeta add row by row in both backends: identical bits.
     */
    @Test
    void layerNormBackwardVectorMatchesScalar() {
        float eps = 1e-5f;
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            int size = rows * cols;
            float[] x = uniform(rows * 11L + cols, size, -2, 3);
            float[] gamma = uniform(cols + 5, cols, 0.5, 1.5);
            float[] w = TestSupport.shifted(uniform(rows + 3L * cols, size, -2, 2), 1, 0);
            float[] mean = new float[rows];
            float[] rstd = new float[rows];
            SCALAR.normalization().layerNorm(rows, cols, eps, x, 0, gamma, null, new float[size], 0, mean, rstd);
            float[] gs = new float[size];
            float[] gv = new float[size];
            float[] ggs = uniform(1, cols, -1, 1);
            float[] ggv = ggs.clone();
            float[] gbs = uniform(2, cols, -1, 1);
            float[] gbv = gbs.clone();
            SCALAR.normalization().layerNormBackward(rows, cols, x, 0, gamma, mean, rstd, w, 1, gs, 0, ggs, gbs);
            VECTOR2.normalization().layerNormBackward(rows, cols, x, 0, gamma, mean, rstd, w, 1, gv, 0, ggv, gbv);
            for (int i = 0; i < rows; i++) {
                double mD = 0;
                double mDX = 0;
                double a = 0;
                double b = 0;
                for (int j = 0; j < cols; j++) {
                    double xhat = (x[i * cols + j] - mean[i]) * (double) rstd[i];
                    double d = (double) w[1 + i * cols + j] * gamma[j];
                    mD += Math.abs(d) / cols;
                    mDX += Math.abs(d * xhat) / cols;
                    a += d / cols;
                    b += d * xhat / cols;
                }
                for (int j = 0; j < cols; j++) {
                    int at = i * cols + j;
                    double xhat = (x[at] - mean[i]) * (double) rstd[i];
                    double d = (double) w[1 + at] * gamma[j];
                    double tol = rstd[i] * (2.0 * (cols + 1) * U * (mD + Math.abs(xhat) * mDX)
                            + 4 * U * (Math.abs(d) + Math.abs(a) + Math.abs(xhat * b)));
                    assertClose(gs[at], gv[at], tol, "layerNormBackward " + rows + "x" + cols + " at " + at);
                }
            }
            assertSameBits(ggs, ggv, "gradGamma " + rows + "x" + cols);
            assertSameBits(gbs, gbv, "gradBeta " + rows + "x" + cols);
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

    /** {batch, channels, spatial, groups}. */
    private static final int[][] GROUP_SHAPES = {{1, 1, 1, 1}, {2, 4, 5, 2}, {2, 6, 16, 3}, {3, 8, 17, 4}, {1, 32, 33, 8},
            {2, 16, 1, 16}, {4, 64, 64, 32}, {2, 8, 4099, 2}, {16, 32, 256, 8}};

    /**
     * Against double, the same error budget as layer norm with N = channels/groups * spatial
     * values per statistic: |diff| <= 4 (N + 10) u (1 + |xhat|) max|gamma| + 2 ulp(out) + u.
     * Vector against scalar gradients: gradX as for layer norm with N; gradGamma / gradBeta
     * sum batch * spatial terms: 2 (batch spatial + 1) u sum|terms|.
     */
    @Test
    void groupNormMatchesDoubleAndVectorMatchesScalar() {
        float eps = 1e-5f;
        for (int[] sh : GROUP_SHAPES) {
            int batch = sh[0];
            int channels = sh[1];
            int spatial = sh[2];
            int groups = sh[3];
            int size = batch * channels * spatial;
            int n = channels / groups * spatial;
            String shape = batch + "x" + channels + "x" + spatial + "/" + groups;
            float[] x = TestSupport.shifted(uniform(size + 1L, size, -2, 3), 2, 0);
            float[] gamma = uniform(channels, channels, 0.5, 1.5);
            float[] beta = uniform(channels + 1, channels, -1, 1);
            double[] yd = groupNormD(toDouble(java.util.Arrays.copyOfRange(x, 2, 2 + size)), batch, channels, spatial, groups,
                    eps, toDouble(gamma), toDouble(beta));
            float[][] means = new float[2][];
            float[][] rstds = new float[2][];
            int b = 0;
            for (Kernels k : new Kernels[] {SCALAR, VECTOR2}) {
                float[] out = new float[size];
                float[] mean = new float[batch * groups];
                float[] rstd = new float[batch * groups];
                k.normalization().groupNorm(batch, channels, spatial, groups, eps, x, 2, gamma, beta, out, 0, mean, rstd);
                for (int i = 0; i < size; i++) {
                    int c = (i / spatial) % channels;
                    double xhat = (yd[i] - beta[c]) / gamma[c];
                    double tol = 4.0 * (n + 10) * U * (1 + Math.abs(xhat)) * 1.5 + 2 * Math.ulp((float) yd[i]) + U;
                    assertClose(yd[i], out[i], tol, k.name() + " groupNorm " + shape + " at " + i);
                }
                means[b] = mean;
                rstds[b++] = rstd;
            }
            // Backward, vector against scalar on the scalar statistics.
            float[] w = uniform(size + 9L, size, -2, 2);
            float[] gs = new float[size];
            float[] gv = new float[size];
            float[] ggs = new float[channels];
            float[] ggv = new float[channels];
            float[] gbs = new float[channels];
            float[] gbv = new float[channels];
            SCALAR.normalization().groupNormBackward(batch, channels, spatial, groups, x, 2, gamma, means[0], rstds[0], w, 0, gs, 0, ggs, gbs);
            VECTOR2.normalization().groupNormBackward(batch, channels, spatial, groups, x, 2, gamma, means[0], rstds[0], w, 0, gv, 0, ggv, gbv);
            int cpg = channels / groups;
            for (int q = 0; q < batch * groups; q++) {
                int seg = q / groups * channels * spatial + q % groups * cpg * spatial;
                double r = rstds[0][q];
                double mD = 0;
                double mDX = 0;
                double a = 0;
                double bb = 0;
                for (int i = 0; i < n; i++) {
                    double xhat = (x[2 + seg + i] - means[0][q]) * r;
                    double d = (double) w[seg + i] * gamma[(seg + i) / spatial % channels];
                    mD += Math.abs(d) / n;
                    mDX += Math.abs(d * xhat) / n;
                    a += d / n;
                    bb += d * xhat / n;
                }
                for (int i = 0; i < n; i++) {
                    double xhat = (x[2 + seg + i] - means[0][q]) * r;
                    double d = (double) w[seg + i] * gamma[(seg + i) / spatial % channels];
                    double tol = r * (2.0 * (n + 1) * U * (mD + Math.abs(xhat) * mDX) + 4 * U * (Math.abs(d) + Math.abs(a) + Math.abs(xhat * bb)));
                    assertClose(gs[seg + i], gv[seg + i], tol, "groupNormBackward " + shape + " at " + (seg + i));
                }
            }
            for (int c = 0; c < channels; c++) {
                double absG = 0;
                double absB = 0;
                for (int bi = 0; bi < batch; bi++) {
                    int q = bi * groups + c / cpg;
                    for (int s = 0; s < spatial; s++) {
                        int at = (bi * channels + c) * spatial + s;
                        absG += Math.abs(w[at] * (x[2 + at] - means[0][q]) * (double) rstds[0][q]);
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
    @Test
    void groupNormBackwardMatchesFiniteDifferences() {
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
        for (Kernels k : BACKENDS) {
            float[] mean = new float[batch * groups];
            float[] rstd = new float[batch * groups];
            k.normalization().groupNorm(batch, channels, spatial, groups, eps, x, 0, gamma, beta, new float[size], 0, mean, rstd);
            float[] gx = new float[size];
            float[] gGamma = new float[channels];
            float[] gBeta = new float[channels];
            java.util.Arrays.fill(gGamma, -0.5f);
            java.util.Arrays.fill(gBeta, -0.5f);
            k.normalization().groupNormBackward(batch, channels, spatial, groups, x, 0, gamma, mean, rstd, w, 0, gx, 0, gGamma, gBeta);
            for (int i = 0; i < size; i++) {
                assertClose(fdX[i], gx[i], tolScale * (1 + Math.abs(fdX[i])), k.name() + " groupNorm dL/dx " + i);
            }
            for (int c = 0; c < channels; c++) {
                assertClose(fdGamma[c], gGamma[c] + 0.5f, tolScale * (1 + Math.abs(fdGamma[c])), k.name() + " dL/dgamma " + c);
                assertClose(fdBeta[c], gBeta[c] + 0.5f, tolScale * (1 + Math.abs(fdBeta[c])), k.name() + " dL/dbeta " + c);
            }
            k.normalization().groupNorm(batch, channels, spatial, groups, eps, x, 0, null, null, new float[size], 0, mean, rstd);
            k.normalization().groupNormBackward(batch, channels, spatial, groups, x, 0, null, mean, rstd, w, 0, gx, 0, null, null);
            for (int i = 0; i < size; i++) {
                assertClose(fdPlain[i], gx[i], tolScale * (1 + Math.abs(fdPlain[i])), k.name() + " no affine dL/dx " + i);
            }
        }
    }

    /** groupNorm with one group per sample equals layerNorm over the rows [batch, channels*spatial]. */
    @Test
    void groupNormWithOneGroupIsLayerNormOfTheSample() {
        int batch = 3;
        int channels = 4;
        int spatial = 9;
        float[] x = uniform(51, batch * channels * spatial, -2, 3);
        for (Kernels k : BACKENDS) {
            float[] g = new float[x.length];
            float[] l = new float[x.length];
            float[] gm = new float[batch];
            float[] gr = new float[batch];
            float[] lm = new float[batch];
            float[] lr = new float[batch];
            k.normalization().groupNorm(batch, channels, spatial, 1, 1e-5f, x, 0, null, null, g, 0, gm, gr);
            k.normalization().layerNorm(batch, channels * spatial, 1e-5f, x, 0, null, null, l, 0, lm, lr);
            assertSameBits(l, g, k.name() + " output");
            assertSameBits(lm, gm, k.name() + " mean");
            assertSameBits(lr, gr, k.name() + " rstd");
        }
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
}
