package lid.kernels;

import static lid.kernels.GemmAgainstDouble.check;
import static lid.kernels.TestSupport.SCALAR;
import static lid.kernels.TestSupport.U;
import static lid.kernels.TestSupport.assertClose;
import static lid.kernels.TestSupport.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GEMM / GEMV: every backend and the scalar reference against a double-precision product, over
 * odd shapes around the Vector API's register blocks and the OpenCL 64 x 64 x 16 tile, every
 * transpose, leading dimensions, offsets and batches (strided, and with one A broadcast).
 *
 * <p>Tolerance (float products, any summation order): |c - c_exact| <= TOL * (k + 2) * 2^-24 *
 * (|alpha| sum_p |a_ip||b_pj| + |beta||c_ij|) + tiny, the standard forward error bound
 * gamma_k = k u / (1 - k u) with a safety factor TOL = 2 for the alpha/beta rounding
 * ({@link GemmAgainstDouble}). A backend that sums GEMV in the reference's index order
 * ({@link TestBackend#referenceOrder}) must give its bits.
 */
@ExtendWith(BackendInFailures.class)
class GemmTest {
    private static final double TOL = 2.0;
    private static final int[] DIMS = {1, 2, 3, 7, 11, 12, 13, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 97, 130};

    private final RandomGenerator rnd = new SplittableRandom(42);

    private float[] random(int len) {
        return GemmAgainstDouble.gaussian(rnd, len);
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void everyTransposeOddShapesAgainstDouble(TestBackend backend) {
        Kernels kern = backend.kernels();
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int t = 0; t < 40; t++) {
                    int m = DIMS[rnd.nextInt(DIMS.length)];
                    int n = DIMS[rnd.nextInt(DIMS.length)];
                    int k = DIMS[rnd.nextInt(DIMS.length)];
                    check(kern, rnd, ta, tb, m, n, k, 1f, 0f, t % 3);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void alphaBetaPaddingAndTails(TestBackend backend) {
        Kernels kern = backend.kernels();
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                check(kern, rnd, ta, tb, 29, 37, 41, -0.5f, 0.75f, 5);
                check(kern, rnd, ta, tb, 13, 65, 300, 2f, 1f, 1);
                check(kern, rnd, ta, tb, 1, 70, 19, 1.5f, -1f, 2);   // GEMV path (m = 1)
                check(kern, rnd, ta, tb, 70, 1, 19, 1.5f, 0f, 0);    // n = 1
                check(kern, rnd, ta, tb, 129, 131, 17, 1f, 0.5f, 3); // past two 64-wide tiles
                check(kern, rnd, ta, tb, 5, 6, 0, 1f, 0.5f, 1);      // k = 0: C = beta C
            }
        }
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void largerThanOneBlockInEveryDimension(TestBackend backend) {
        // For the Vector API: m > MC, n spans several NR panels with a tail, k > KC with a tail.
        Kernels kern = backend.kernels();
        check(kern, rnd, false, false, VectorGemm.MC + 13, 3 * VectorGemm.NR + 5, VectorGemm.KC + 77, 1f, 0f, 0);
        check(kern, rnd, true, true, VectorGemm.MC * 2 + 1, VectorGemm.NR + 1, 2 * VectorGemm.KC + 1, 1f, 0.5f, 3);
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void batchedWithStridesAndABroadcast(TestBackend backend) {
        Kernels kern = backend.kernels();
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                check(kern, rnd, 3, ta, tb, 17, 33, 15, 1f, 0f, 1, false);
                check(kern, rnd, 4, ta, tb, 31, 16, 65, 0.5f, 1f, 0, true);
            }
        }
    }

    /** Batch entry q is the product of entry q alone: the same bits as the backend's own sgemm on it. */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void batchedMatchesLoopOfSingleProducts(TestBackend backend) {
        Kernels kern = backend.kernels();
        int batch = 5, m = 17, n = 33, k = 9;
        float[] a = random(batch * m * k);
        float[] b = random(batch * k * n);
        float[] c1 = new float[batch * m * n];
        float[] c2 = new float[batch * m * n];
        kern.gemm().sgemmBatched(batch, false, false, m, n, k, 1f, a, 0, k, m * k, b, 0, n, k * n, 0f, c1, 0, n, m * n);
        for (int q = 0; q < batch; q++) {
            kern.gemm().sgemm(false, false, m, n, k, 1f, a, q * m * k, k, b, q * k * n, n, 0f, c2, q * m * n, n);
        }
        assertArrayEquals(c2, c1);
        float[] c3 = new float[batch * m * n];
        SCALAR.gemm().sgemmBatched(batch, false, false, m, n, k, 1f, a, 0, k, m * k, b, 0, n, k * n, 0f, c3, 0, n, m * n);
        for (int i = 0; i < c3.length; i++) {
            assertEquals(c3[i], c1[i], 1e-4 * (1 + Math.abs(c3[i])));
        }
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void betaZeroDoesNotPropagateNaN(TestBackend backend) {
        float[] a = {1, 2, 3, 4};
        float[] b = {1, 0, 0, 1};
        float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        backend.kernels().gemm().sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void handComputedProduct(TestBackend backend) {
        // [1 2 3; 4 5 6] * [7 8; 9 10; 11 12] = [58 64; 139 154]
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = new float[4];
        backend.kernels().gemm().sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);
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

    /** {m, n} of A: every m in {1, 5, 16, 17, 100, 1031} with every n in {1, 3, 15, 33, 257}, and odd shapes around 16 to 256. */
    private static final int[][] GEMV_SHAPES = gemvShapes();

    private static int[][] gemvShapes() {
        List<int[]> shapes = new ArrayList<>();
        for (int m : new int[] {1, 5, 16, 17, 100, 1031}) {
            for (int n : new int[] {1, 3, 15, 33, 257}) {
                shapes.add(new int[] {m, n});
            }
        }
        shapes.addAll(List.of(new int[] {3, 17}, new int[] {33, 15}, new int[] {64, 65}, new int[] {257, 31}));
        return shapes.toArray(new int[0][]);
    }

    /** Against double with GEMM's bound; a backend summing in the reference's index order gives its bits. */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void gemvBothWaysAgainstDouble(TestBackend backend) {
        Kernels kern = backend.kernels();
        for (int[] shape : GEMV_SHAPES) {
            int m = shape[0], n = shape[1], lda = n + 3;
            float[] a = random(3 + m * lda);
            for (boolean ta : new boolean[] {false, true}) {
                int k = ta ? m : n, len = ta ? n : m;
                float[] x = random(2 + k);
                float[] y = random(1 + len);
                float[] y0 = y.clone();
                kern.gemm().sgemv(ta, m, n, 0.5f, a, 3, lda, x, 2, -2f, y, 1);
                String what = "gemv ta=" + ta + " " + m + "x" + n;
                for (int i = 0; i < len; i++) {
                    double exact = 0, mag = 0;
                    for (int p = 0; p < k; p++) {
                        double av = ta ? a[3 + p * lda + i] : a[3 + i * lda + p];
                        exact += av * x[2 + p];
                        mag += Math.abs(av * x[2 + p]);
                    }
                    double want = 0.5 * exact - 2 * y0[1 + i];
                    double bound = TOL * (k + 2) * U * (0.5 * mag + 2 * Math.abs(y0[1 + i])) + 1e-30;
                    assertClose(want, y[1 + i], bound, what, i);
                }
                assertEquals(y0[0], y[0], "y before the offset is untouched");
                if (backend.referenceOrder()) {
                    float[] ys = y0.clone();
                    SCALAR.gemm().sgemv(ta, m, n, 0.5f, a, 3, lda, x, 2, -2f, ys, 1);
                    assertSameBits(ys, y, what + " vs the reference");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void badArgumentsNameTheArgument(TestBackend backend) {
        Kernels kern = backend.kernels();
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
                () -> kern.gemm().sgemm(false, false, 3, 3, 3, 1f, null, 0, 3, big, 0, 3, 0f, big, 0, 3));
        assertTrue(e6.getMessage().contains("a must not be null"), e6.getMessage());
        var e7 = assertThrows(IllegalArgumentException.class,
                () -> kern.gemm().sgemm(false, false, 4, 4, 4, 1f, new float[15], 0, 4, new float[16], 0, 4, 0f, new float[16], 0, 4));
        assertTrue(e7.getMessage().contains("a is too short"), e7.getMessage());
    }
}
