package lid.kernels.opencl;

import static lid.kernels.opencl.ClTests.SCALAR;
import static lid.kernels.opencl.ClTests.U;
import static lid.kernels.opencl.ClTests.assertClose;
import static lid.kernels.opencl.ClTests.assertSameBits;
import static lid.kernels.opencl.ClTests.shifted;
import static lid.kernels.opencl.ClTests.uniform;

import lid.kernels.Kernels;
import org.junit.jupiter.api.Test;

/**
 * Softmax, layer norm and group norm against the scalar reference, with NormalizationTest's
 * tolerances (derived there): softmax (2 cols + 8) u y; its backward
 * y (2 (cols + 1) u sum|g y| + 4 u (|g| + |dot|)); norm outputs 4 (N + 10) u (1 + |xhat|)
 * max|gamma| + 2 ulp + u for N values per statistic; gradX rstd (2 (N + 1) u (mean|d| + |xhat|
 * mean|d xhat|) + 4 u (|d| + |a| + |xhat b|)). The affine gradients fold in the reference's
 * order: the same bits.
 */
class OpenClNormalizationTest {
    private static final int[][] SHAPES = {{1, 1}, {1, 5}, {3, 17}, {7, 33}, {2, 255}, {5, 256}, {4, 1000}, {33, 16}};

    @Test
    void softmaxAndBackward() {
        Kernels cl = ClTests.device();
        for (int[] shape : SHAPES) {
            int rows = shape[0], cols = shape[1], size = rows * cols;
            float[] x = shifted(uniform(rows * 7L + cols, size, -8, 8), 3, 0);
            float[] s = new float[size + 1], c = new float[size + 1];
            SCALAR.normalization().softmaxRows(rows, cols, x, 3, s, 1);
            cl.normalization().softmaxRows(rows, cols, x, 3, c, 1);
            for (int i = 0; i < size; i++) {
                assertClose(s[1 + i], c[1 + i], (2.0 * cols + 8) * U * s[1 + i] + Float.MIN_NORMAL, "softmax " + rows + "x" + cols);
            }
            float[] inPlace = x.clone();
            cl.normalization().softmaxRows(rows, cols, inPlace, 3, inPlace, 3);
            assertSameBits(java.util.Arrays.copyOfRange(c, 1, size + 1), java.util.Arrays.copyOfRange(inPlace, 3, size + 3),
                    "softmax in place");

            float[] y = java.util.Arrays.copyOfRange(s, 1, size + 1);
            float[] g = shifted(uniform(rows * 3L + cols, size, -2, 2), 2, 0);
            float[] gs = new float[size], gc = new float[size];
            SCALAR.normalization().softmaxRowsBackward(rows, cols, y, 0, g, 2, gs, 0);
            cl.normalization().softmaxRowsBackward(rows, cols, y, 0, g, 2, gc, 0);
            for (int i = 0; i < rows; i++) {
                double sumAbs = 0, dot = 0;
                for (int j = 0; j < cols; j++) {
                    sumAbs += Math.abs((double) g[2 + i * cols + j] * y[i * cols + j]);
                    dot += (double) g[2 + i * cols + j] * y[i * cols + j];
                }
                for (int j = 0; j < cols; j++) {
                    int at = i * cols + j;
                    double tol = y[at] * (2.0 * (cols + 1) * U * sumAbs + 4 * U * (Math.abs(g[2 + at]) + Math.abs(dot)));
                    assertClose(gs[at], gc[at], tol, "softmax backward " + rows + "x" + cols + " at " + at);
                }
            }
        }
    }

    @Test
    void layerNormForwardAndBackward() {
        Kernels cl = ClTests.device();
        float eps = 1e-5f;
        for (int[] shape : SHAPES) {
            int rows = shape[0], cols = shape[1], size = rows * cols;
            float[] x = shifted(uniform(rows * 11L + cols, size, -2, 3), 2, 0);
            float[] gamma = uniform(cols + 5, cols, 0.5, 1.5);
            float[] beta = uniform(cols + 6, cols, -1, 1);
            for (boolean affine : new boolean[] {true, false}) {
                float[] ga = affine ? gamma : null, be = affine ? beta : null;
                float[] os = new float[size + 1], oc = new float[size + 1];
                float[] ms = new float[rows], rs = new float[rows], mc = new float[rows], rc = new float[rows];
                SCALAR.normalization().layerNorm(rows, cols, eps, x, 2, ga, be, os, 1, ms, rs);
                cl.normalization().layerNorm(rows, cols, eps, x, 2, ga, be, oc, 1, mc, rc);
                for (int i = 0; i < rows; i++) {
                    assertClose(ms[i], mc[i], 2.0 * (cols + 1) * U * 3, "mean row " + i);
                    assertClose(rs[i], rc[i], 4.0 * (cols + 10) * U * rs[i], "rstd row " + i);
                    for (int j = 0; j < cols; j++) {
                        int at = i * cols + j;
                        double xhat = (x[2 + at] - ms[i]) * (double) rs[i];
                        double tol = 4.0 * (cols + 10) * U * (1 + Math.abs(xhat)) * 1.5 + 2 * Math.ulp(os[1 + at]) + U;
                        assertClose(os[1 + at], oc[1 + at], tol, "layerNorm " + rows + "x" + cols + " at " + at);
                    }
                }
                float[] w = shifted(uniform(rows + 3L * cols, size, -2, 2), 1, 0);
                float[] gs = new float[size], gc = new float[size];
                float[] ggs = affine ? uniform(1, cols, -1, 1) : null, ggc = affine ? ggs.clone() : null;
                float[] gbs = affine ? uniform(2, cols, -1, 1) : null, gbc = affine ? gbs.clone() : null;
                SCALAR.normalization().layerNormBackward(rows, cols, x, 2, ga, ms, rs, w, 1, gs, 0, ggs, gbs);
                cl.normalization().layerNormBackward(rows, cols, x, 2, ga, ms, rs, w, 1, gc, 0, ggc, gbc);
                for (int i = 0; i < rows; i++) {
                    checkGradX(gs, gc, x, 2 + i * cols, w, 1 + i * cols, i * cols, ga, 0, 1, cols, ms[i], rs[i],
                            "layerNormBackward " + rows + "x" + cols);
                }
                if (affine) {
                    assertSameBits(ggs, ggc, "gradGamma " + rows + "x" + cols);
                    assertSameBits(gbs, gbc, "gradBeta " + rows + "x" + cols);
                }
            }
        }
    }

    @Test
    void groupNormForwardAndBackward() {
        Kernels cl = ClTests.device();
        float eps = 1e-5f;
        for (int[] s : new int[][] {{1, 1, 1, 1}, {2, 4, 9, 2}, {3, 6, 17, 3}, {2, 8, 64, 4}, {1, 32, 33, 8}, {4, 3, 5, 1}}) {
            int batch = s[0], channels = s[1], spatial = s[2], groups = s[3];
            int size = batch * channels * spatial, cpg = channels / groups, len = cpg * spatial;
            float[] x = shifted(uniform(size, size, -2, 3), 1, 0);
            float[] gamma = uniform(channels, channels, 0.5, 1.5);
            float[] beta = uniform(channels + 1, channels, -1, 1);
            float[] os = new float[size], oc = new float[size];
            float[] ms = new float[batch * groups], rs = new float[batch * groups];
            float[] mc = new float[batch * groups], rc = new float[batch * groups];
            SCALAR.normalization().groupNorm(batch, channels, spatial, groups, eps, x, 1, gamma, beta, os, 0, ms, rs);
            cl.normalization().groupNorm(batch, channels, spatial, groups, eps, x, 1, gamma, beta, oc, 0, mc, rc);
            for (int i = 0; i < size; i++) {
                int stat = (i / spatial / channels) * groups + (i / spatial % channels) / cpg;
                double xhat = (x[1 + i] - ms[stat]) * (double) rs[stat];
                double tol = 4.0 * (len + 10) * U * (1 + Math.abs(xhat)) * 1.5 + 2 * Math.ulp(os[i]) + U;
                assertClose(os[i], oc[i], tol, "groupNorm " + java.util.Arrays.toString(s) + " at " + i);
            }
            float[] w = uniform(size + 3, size, -2, 2);
            float[] gs = new float[size], gc = new float[size];
            float[] ggs = uniform(1, channels, -1, 1), ggc = ggs.clone();
            float[] gbs = uniform(2, channels, -1, 1), gbc = gbs.clone();
            SCALAR.normalization().groupNormBackward(batch, channels, spatial, groups, x, 1, gamma, ms, rs, w, 0, gs, 0, ggs, gbs);
            cl.normalization().groupNormBackward(batch, channels, spatial, groups, x, 1, gamma, ms, rs, w, 0, gc, 0, ggc, gbc);
            for (int b = 0; b < batch; b++) {
                for (int g = 0; g < groups; g++) {
                    int seg = (b * channels + g * cpg) * spatial;
                    checkGradX(gs, gc, x, 1 + seg, w, seg, seg, gamma, g * cpg, spatial, len, ms[b * groups + g],
                            rs[b * groups + g], "groupNormBackward " + java.util.Arrays.toString(s));
                }
            }
            assertSameBits(ggs, ggc, "groupNorm gradGamma");
            assertSameBits(gbs, gbc, "groupNorm gradBeta");
        }
    }

    /** gradX of one segment of len values; gamma index = c0 + e / perChannel (null: ones). */
    private static void checkGradX(float[] gs, float[] gc, float[] x, int xAt, float[] w, int wAt, int gAt, float[] gamma,
                                   int c0, int perChannel, int len, float mean, float rstd, String what) {
        double mD = 0, mDX = 0, a = 0, b = 0;
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
            assertClose(gs[gAt + e], gc[gAt + e], tol, what + " at " + (gAt + e));
        }
    }
}
