package lid.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * GEMM / GEMV: the Vector API kernel and the scalar reference against a double-precision
 * product, over odd shapes, every transpose, leading dimensions and offsets.
 *
 * <p>Tolerance (float products, any summation order): |c - c_exact| <= TOL * k * 2^-24 *
 * (|alpha| sum_p |a_ip||b_pj| + |beta||c_ij|) + tiny, the standard forward error bound
 * gamma_k = k u / (1 - k u) with a safety factor TOL = 2 for the alpha/beta rounding.
 */
class GemmTest {
    private static final double U = Math.ulp(1.0f) / 2; // 2^-24
    private static final double TOL = 2.0;
    private static final int[] DIMS = {1, 2, 3, 7, 11, 12, 13, 16, 17, 31, 32, 33, 47, 97};

    private final Random rnd = new Random(42);

    private float[] random(int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    /** Checks one sgemm call of the backend against double precision; returns the max error ratio. */
    private void checkCase(Kernels kern, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta,
                           int pad) {
        int lda = (ta ? m : k) + pad;
        int ldb = (tb ? k : n) + pad;
        int ldc = n + pad;
        int aOff = pad, bOff = 2 * pad, cOff = 3 * pad;
        float[] a = random(aOff + (ta ? k : m) * lda);
        float[] b = random(bOff + (tb ? n : k) * ldb);
        float[] c = random(cOff + m * ldc);
        float[] c0 = c.clone();
        kern.gemm().sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0, mag = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    exact += av * bv;
                    mag += Math.abs(av * bv);
                }
                double c0v = c0[cOff + i * ldc + j];
                double want = alpha * exact + (beta == 0 ? 0 : beta * c0v);
                double bound = TOL * (k + 2) * U * (Math.abs(alpha) * mag + Math.abs(beta) * Math.abs(c0v)) + 1e-30;
                double got = c[cOff + i * ldc + j];
                if (!(Math.abs(got - want) <= bound)) {
                    throw new AssertionError(kern.name() + " ta=" + ta + " tb=" + tb + " m=" + m + " n=" + n
                            + " k=" + k + " at (" + i + "," + j + "): got " + got + " want " + want + " bound " + bound);
                }
            }
        }
        // Padding between rows and outside the matrix is untouched.
        for (int i = 0; i < c.length; i++) {
            int rel = i - cOff;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside) {
                assertEquals(c0[i], c[i], "element outside C was written at " + i);
            }
        }
    }

    @Test
    void everyTransposeOddShapesAgainstDouble() {
        Kernels[] backends = {ScalarKernels.INSTANCE, new VectorKernels(1), new VectorKernels(2)};
        for (Kernels kern : backends) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (int t = 0; t < 40; t++) {
                        int m = DIMS[rnd.nextInt(DIMS.length)];
                        int n = DIMS[rnd.nextInt(DIMS.length)];
                        int k = DIMS[rnd.nextInt(DIMS.length)];
                        checkCase(kern, ta, tb, m, n, k, 1f, 0f, t % 3);
                    }
                }
            }
        }
    }

    @Test
    void alphaBetaAndPadding() {
        Kernels kern = new VectorKernels(2);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                checkCase(kern, ta, tb, 29, 37, 41, -0.5f, 0.75f, 5);
                checkCase(kern, ta, tb, 13, 65, 300, 2f, 1f, 1);
                checkCase(kern, ta, tb, 1, 70, 19, 1.5f, -1f, 2);   // GEMV path (m = 1)
                checkCase(kern, ta, tb, 70, 1, 19, 1.5f, 0f, 0);    // n = 1
            }
        }
    }

    @Test
    void largerThanOneBlockInEveryDimension() {
        // m > MC, n spans several NR panels with a tail, k > KC with a tail.
        Kernels kern = new VectorKernels(2);
        checkCase(kern, false, false, VectorGemm.MC + 13, 3 * VectorGemm.NR + 5, VectorGemm.KC + 77, 1f, 0f, 0);
        checkCase(kern, true, true, VectorGemm.MC * 2 + 1, VectorGemm.NR + 1, 2 * VectorGemm.KC + 1, 1f, 0.5f, 3);
    }

    @Test
    void betaZeroDoesNotPropagateNaN() {
        float[] a = {1, 2, 3, 4};
        float[] b = {1, 0, 0, 1};
        float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        new VectorKernels(1).gemm().sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
    }

    @Test
    void handComputedProduct() {
        // [1 2 3; 4 5 6] * [7 8; 9 10; 11 12] = [58 64; 139 154]
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        for (Kernels kern : new Kernels[] {ScalarKernels.INSTANCE, new VectorKernels(2)}) {
            float[] c = new float[4];
            kern.gemm().sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
            assertArrayEquals(new float[] {58, 64, 139, 154}, c, kern.name());
        }
    }

    @Test
    void bitIdenticalAcrossThreadCountsAndRuns() {
        int m = 150, n = 333, k = 600;
        float[] a = random(m * k);
        float[] b = random(k * n);
        float[] ref = new float[m * n];
        new VectorKernels(1).gemm().sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, ref, 0, n);
        for (int t : new int[] {1, 2, 3, 4}) {
            float[] c = new float[m * n];
            new VectorKernels(t).gemm().sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, c, 0, n);
            assertArrayEquals(ref, c, "threads=" + t);
        }
    }

    /**
     * A row of C is a function of its row of op(A) and of op(B) only: the same bits whether it is
     * computed alone (m = 1), as the first or last row of a larger product, with 1 or 3 threads.
     * (A point's estimate must not depend on the batch it came in.)
     */
    @Test
    void aRowOfCDoesNotDependOnTheOtherRows() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int[] nk : new int[][] {{1, 7}, {1, 300}, {33, 5}, {100, 300}, {257, 64}}) {
                    int n = nk[0], k = nk[1], big = 29;
                    float[] a = random(big * k);
                    float[] b = random(k * n);
                    int lda = ta ? big : k, ldb = tb ? k : n;
                    float[] all = new float[big * n];
                    new VectorKernels(3).gemm().sgemm(ta, tb, big, n, k, 0.5f, a, 0, lda, b, 0, ldb, 0f, all, 0, n);
                    for (int m : new int[] {1, 2, 13}) {
                        for (int threads : new int[] {1, 3}) {
                            for (int first : new int[] {0, big - m}) {
                                // rows first .. first+m-1 of op(A) as their own matrix
                                float[] sub = new float[m * k];
                                for (int i = 0; i < m; i++) {
                                    for (int p = 0; p < k; p++) {
                                        float v = ta ? a[p * big + first + i] : a[(first + i) * k + p];
                                        sub[ta ? p * m + i : i * k + p] = v;
                                    }
                                }
                                float[] c = new float[m * n];
                                new VectorKernels(threads).gemm().sgemm(ta, tb, m, n, k, 0.5f, sub, 0, ta ? m : k, b, 0, ldb, 0f, c, 0, n);
                                for (int i = 0; i < m * n; i++) {
                                    assertEquals(Float.floatToRawIntBits(all[first * n + i]), Float.floatToRawIntBits(c[i]),
                                            "ta=" + ta + " tb=" + tb + " n=" + n + " k=" + k + " m=" + m + " threads=" + threads
                                                    + " first=" + first + " element " + i);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void batchedMatchesLoopOfSingleProducts() {
        int batch = 5, m = 17, n = 33, k = 9;
        float[] a = random(batch * m * k);
        float[] b = random(batch * k * n);
        float[] c1 = new float[batch * m * n];
        float[] c2 = new float[batch * m * n];
        Kernels kern = new VectorKernels(2);
        kern.gemm().sgemmBatched(batch, false, false, m, n, k, 1f, a, 0, k, m * k, b, 0, n, k * n, 0f, c1, 0, n, m * n);
        for (int q = 0; q < batch; q++) {
            new VectorKernels(1).gemm().sgemm(false, false, m, n, k, 1f, a, q * m * k, k, b, q * k * n, n, 0f, c2, q * m * n, n);
        }
        assertArrayEquals(c2, c1);
        float[] c3 = new float[batch * m * n];
        ScalarKernels.INSTANCE.gemm().sgemmBatched(batch, false, false, m, n, k, 1f, a, 0, k, m * k, b, 0, n, k * n, 0f, c3, 0, n, m * n);
        for (int i = 0; i < c3.length; i++) {
            assertEquals(c3[i], c1[i], 1e-4 * (1 + Math.abs(c3[i])));
        }
    }

    @Test
    void gemvBothWaysAgainstDouble() {
        for (Kernels kern : new Kernels[] {ScalarKernels.INSTANCE, new VectorKernels(1), new VectorKernels(2)}) {
            for (int m : new int[] {1, 5, 16, 17, 100, 1031}) {
                for (int n : new int[] {1, 3, 15, 33, 257}) {
                    for (boolean ta : new boolean[] {false, true}) {
                        int lda = n + 3;
                        float[] a = random(m * lda);
                        float[] x = random(ta ? m : n);
                        float[] y = random(ta ? n : m);
                        float[] y0 = y.clone();
                        kern.gemm().sgemv(ta, m, n, 0.5f, a, 0, lda, x, 0, -2f, y, 0);
                        for (int i = 0; i < y.length; i++) {
                            double exact = 0, mag = 0;
                            for (int p = 0; p < x.length; p++) {
                                double av = ta ? a[p * lda + i] : a[i * lda + p];
                                exact += av * x[p];
                                mag += Math.abs(av * x[p]);
                            }
                            double want = 0.5 * exact - 2 * y0[i];
                            double bound = TOL * (x.length + 2) * U * (0.5 * mag + 2 * Math.abs(y0[i])) + 1e-30;
                            assertEquals(want, y[i], bound, kern.name() + " gemv ta=" + ta + " m=" + m + " n=" + n);
                        }
                    }
                }
            }
        }
    }

    @Test
    void badArgumentsNameTheArgument() {
        Kernels kern = new VectorKernels(1);
        float[] small = new float[5];
        float[] big = new float[100];
        var e1 = assertThrows(IllegalArgumentException.class,
                () -> kern.gemm().sgemm(false, false, -1, 2, 2, 1f, big, 0, 2, big, 0, 2, 0f, big, 0, 2));
        assertTrue(e1.getMessage().startsWith("m "), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> kern.gemm().sgemm(false, false, 3, 3, 3, 1f, small, 0, 3, big, 0, 3, 0f, big, 0, 3));
        assertTrue(e2.getMessage().contains("a is too short"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> kern.gemm().sgemm(false, false, 3, 3, 3, 1f, big, 0, 2, big, 0, 3, 0f, big, 0, 3));
        assertTrue(e3.getMessage().contains("leading dimension of a"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class,
                () -> kern.gemm().sgemm(false, false, 3, 3, 3, 1f, big, 0, 3, big, 0, 3, 0f, small, 0, 3));
        assertTrue(e4.getMessage().contains("c is too short"), e4.getMessage());
        var e5 = assertThrows(IllegalArgumentException.class,
                () -> kern.gemm().sgemv(false, 3, 3, 1f, big, 0, 3, small, 4, 0f, big, 0));
        assertTrue(e5.getMessage().contains("x is too short"), e5.getMessage());
        var e6 = assertThrows(IllegalArgumentException.class,
                () -> ScalarKernels.INSTANCE.gemm().sgemm(false, false, 3, 3, 3, 1f, null, 0, 3, big, 0, 3, 0f, big, 0, 3));
        assertTrue(e6.getMessage().contains("a must not be null"), e6.getMessage());
    }
}
