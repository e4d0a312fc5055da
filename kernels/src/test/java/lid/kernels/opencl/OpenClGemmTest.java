package lid.kernels.opencl;

import static lid.kernels.opencl.ClTests.U;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import lid.kernels.Kernels;
import org.junit.jupiter.api.Test;

/**
 * OpenCL SGEMM / batched SGEMM / SGEMV against a double-precision product, with GemmTest's
 * bound: |c - c_exact| <= 2 (k + 2) u (|alpha| sum_p |a_ip b_pj| + |beta c_ij|), over odd
 * shapes around the 64 x 64 x 16 tile, every transpose, leading dimensions and offsets; and
 * nothing outside C is written.
 */
class OpenClGemmTest {
    private static final int[] DIMS = {1, 2, 3, 7, 13, 15, 16, 17, 31, 33, 63, 64, 65, 97, 130};

    private final Random rnd = new Random(42);

    private float[] random(int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    private void checkCase(Kernels kern, int batch, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta,
                           int pad, boolean broadcastA) {
        int lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
        int aOff = pad, bOff = 2 * pad, cOff = 3 * pad;
        int aSize = (ta ? k : m) * lda, bSize = (tb ? n : k) * ldb, cSize = m * ldc;
        int strideA = broadcastA ? 0 : aSize + 1, strideB = bSize + 2, strideC = cSize + 3;
        float[] a = random(aOff + Math.max(1, batch) * (strideA == 0 ? aSize : strideA));
        float[] b = random(bOff + batch * strideB);
        float[] c = random(cOff + batch * strideC);
        float[] c0 = c.clone();
        if (batch == 1 && !broadcastA) {
            kern.gemm().sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            kern.gemm().sgemmBatched(batch, ta, tb, m, n, k, alpha, a, aOff, lda, strideA, b, bOff, ldb, strideB,
                    beta, c, cOff, ldc, strideC);
        }
        boolean[] inside = new boolean[c.length];
        for (int q = 0; q < batch; q++) {
            int ao = aOff + q * strideA, bo = bOff + q * strideB, co = cOff + q * strideC;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double exact = 0, mag = 0;
                    for (int p = 0; p < k; p++) {
                        double av = ta ? a[ao + p * lda + i] : a[ao + i * lda + p];
                        double bv = tb ? b[bo + j * ldb + p] : b[bo + p * ldb + j];
                        exact += av * bv;
                        mag += Math.abs(av * bv);
                    }
                    int at = co + i * ldc + j;
                    inside[at] = true;
                    double want = alpha * exact + (beta == 0 ? 0 : beta * c0[at]);
                    double bound = 2.0 * (k + 2) * U * (Math.abs(alpha) * mag + Math.abs(beta) * Math.abs(c0[at])) + 1e-30;
                    if (!(Math.abs(c[at] - want) <= bound)) {
                        throw new AssertionError("batch " + q + " ta=" + ta + " tb=" + tb + " m=" + m + " n=" + n + " k=" + k
                                + " at (" + i + "," + j + "): got " + c[at] + " want " + want + " bound " + bound);
                    }
                }
            }
        }
        for (int i = 0; i < c.length; i++) {
            if (!inside[i]) {
                assertEquals(c0[i], c[i], "element outside C was written at " + i);
            }
        }
    }

    @Test
    void everyTransposeOddShapesAgainstDouble() {
        Kernels cl = ClTests.device();
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int t = 0; t < 25; t++) {
                    int m = DIMS[rnd.nextInt(DIMS.length)];
                    int n = DIMS[rnd.nextInt(DIMS.length)];
                    int k = DIMS[rnd.nextInt(DIMS.length)];
                    checkCase(cl, 1, ta, tb, m, n, k, 1f, 0f, t % 3, false);
                }
            }
        }
    }

    @Test
    void alphaBetaPaddingAndTails() {
        Kernels cl = ClTests.device();
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                checkCase(cl, 1, ta, tb, 29, 37, 41, -0.5f, 0.75f, 5, false);
                checkCase(cl, 1, ta, tb, 13, 65, 300, 2f, 1f, 1, false);
                checkCase(cl, 1, ta, tb, 1, 70, 19, 1.5f, -1f, 2, false);
                checkCase(cl, 1, ta, tb, 70, 1, 19, 1.5f, 0f, 0, false);
                checkCase(cl, 1, ta, tb, 129, 131, 17, 1f, 0.5f, 3, false);
                checkCase(cl, 1, ta, tb, 5, 6, 0, 1f, 0.5f, 1, false); // k = 0: C = beta C
            }
        }
    }

    @Test
    void batchedWithStridesAndABroadcast() {
        Kernels cl = ClTests.device();
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                checkCase(cl, 3, ta, tb, 17, 33, 15, 1f, 0f, 1, false);
                checkCase(cl, 4, ta, tb, 31, 16, 65, 0.5f, 1f, 0, true);
            }
        }
    }

    /** Both GEMM kernels (the device picks one: tiled on GPUs, rows on CPUs) pass the same checks. */
    @Test
    void theOtherGemmKernelToo() {
        OpenClKernels chosen = ClTests.device();
        String other = chosen.buildOptions().contains("rows") ? "tiled" : "rows";
        System.setProperty("lid.opencl.gemm.kernel", other);
        try (OpenClKernels cl = OpenCl.open(0)) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (int t = 0; t < 8; t++) {
                        checkCase(cl, 1, ta, tb, DIMS[rnd.nextInt(DIMS.length)], DIMS[rnd.nextInt(DIMS.length)],
                                DIMS[rnd.nextInt(DIMS.length)], 1f, 0f, t % 3, false);
                    }
                    checkCase(cl, 1, ta, tb, 129, 131, 17, -0.5f, 0.5f, 3, false);
                    checkCase(cl, 3, ta, tb, 17, 33, 15, 1f, 0f, 1, false);
                    checkCase(cl, 2, ta, tb, 31, 16, 65, 0.5f, 1f, 0, true);
                }
            }
        } finally {
            System.clearProperty("lid.opencl.gemm.kernel");
        }
    }

    @Test
    void betaZeroDoesNotPropagateNaN() {
        float[] a = {1, 2, 3, 4};
        float[] b = {1, 0, 0, 1};
        float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        ClTests.device().gemm().sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 2, 3, 4}, c);
    }

    /** GEMV sums in index order like the scalar reference: the same bits. */
    @Test
    void gemvMatchesScalarBitForBit() {
        Kernels cl = ClTests.device();
        for (int[] s : new int[][] {{1, 1}, {3, 17}, {33, 15}, {64, 65}, {257, 31}}) {
            int m = s[0], n = s[1], lda = n + 2;
            float[] a = random(3 + m * lda);
            for (boolean ta : new boolean[] {false, true}) {
                float[] x = random(2 + (ta ? m : n));
                float[] y = random(1 + (ta ? n : m));
                float[] ys = y.clone();
                ClTests.SCALAR.gemm().sgemv(ta, m, n, 0.7f, a, 3, lda, x, 2, 0.25f, ys, 1);
                cl.gemm().sgemv(ta, m, n, 0.7f, a, 3, lda, x, 2, 0.25f, y, 1);
                ClTests.assertSameBits(ys, y, "sgemv ta=" + ta + " " + m + "x" + n);
            }
        }
    }

    @Test
    void badArgumentsAreRejectedLikeTheCpu() {
        Kernels cl = ClTests.device();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> cl.gemm().sgemm(false, false, 4, 4, 4, 1f, new float[15], 0, 4, new float[16], 0, 4, 0f, new float[16], 0, 4));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("a"), e.getMessage());
    }
}
