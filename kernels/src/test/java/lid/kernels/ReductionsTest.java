package lid.kernels;

import java.util.List;
import java.util.ArrayList;
import static lid.kernels.TestSupport.SCALAR;
import static lid.kernels.TestSupport.SIZES;
import static lid.kernels.TestSupport.U;
import static lid.kernels.TestSupport.VECTOR1;
import static lid.kernels.TestSupport.VECTOR2;
import static lid.kernels.TestSupport.VECTOR3;
import static lid.kernels.TestSupport.assertClose;
import static lid.kernels.TestSupport.assertSameBits;
import static lid.kernels.TestSupport.shifted;
import static lid.kernels.TestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reductions: known values, every backend against the scalar reference and against double,
 * exact integer sums (which catch a skipped or doubled element at any length), empty inputs,
 * thread-count bit identity of the Vector backend.
 *
 * <p>Tolerances: a float sum of n terms in any order has |error| <= (n - 1) u sum|terms|
 * (u = 2^-24), and each product of dot / SUM_SQUARES adds u |term|; two backends therefore
 * differ by at most 2 (n + 1) u sum|terms|, and the scalar reference is within (n + 1) u
 * sum|terms| of a double sum. A backend whose summation structure is known is held to its own
 * bound against double ({@link TestBackend#sumRoundings}): the Vector backend adds each lane of
 * four 16-lane accumulators over at most 32768 / 64 = 512 terms, then ~20 pairwise / lane / tail
 * additions and one addition per 32768-element chunk, so it must be within (n / 64 + 64 +
 * n / 32768 + 1) u sum|terms|; the OpenCL tree reductions are held to the any-order bound.
 * MAX and MIN are exact. reduceCols folds each column in row order in every backend: the
 * reference's bits.
 */
@ExtendWith(BackendInFailures.class)
class ReductionsTest {

    static Stream<Arguments> reduceOps() {
        return TestBackend.times(TestBackend.all(), ReduceOp.values());
    }

    private static double referenceTol(int n, double sumAbsTerms) {
        return 2.0 * (n + 1) * U * sumAbsTerms;
    }

    @ParameterizedTest
    @MethodSource("reduceOps")
    void reduceMatchesScalarAndDouble(TestBackend backend, ReduceOp op) {
        Kernels k = backend.kernels();
        for (int n : SIZES) {
            float[] x = shifted(uniform(n, n, -3, 5), 7, 2);
            double exact = 0;
            double sumAbs = 0;
            for (int i = 0; i < n; i++) {
                double v = x[7 + i];
                double term = op == ReduceOp.SUM_SQUARES ? v * v : v;
                exact += term;
                sumAbs += Math.abs(term);
            }
            float s = SCALAR.reductions().reduce(op, n, x, 7);
            float v = k.reductions().reduce(op, n, x, 7);
            if (op == ReduceOp.MAX || op == ReduceOp.MIN) {
                assertEquals(s, v, op + " n=" + n);
                continue;
            }
            assertClose(s, v, referenceTol(n, sumAbs), op + " vs scalar, n=" + n);
            assertClose(exact, v, backend.sumRoundings().applyAsDouble(n) * U * sumAbs, op + " vs double, n=" + n);
            assertClose(exact, s, (n + 1) * U * sumAbs, op + " scalar vs double, n=" + n);
        }
        float[] withNaN = {1f, Float.NaN, 3f};
        assertEquals(SCALAR.reductions().reduce(op, 3, withNaN, 0), k.reductions().reduce(op, 3, withNaN, 0), op + " with NaN");
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void dotAndNormMatchScalarAndDouble(TestBackend backend) {
        Kernels k = backend.kernels();
        for (int n : SIZES) {
            float[] x = shifted(uniform(n, n, -2, 2), 3, 0);
            float[] y = shifted(uniform(n + 1, n, -2, 2), 1, 5);
            double exact = 0;
            double sumAbs = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                exact += (double) x[3 + i] * y[1 + i];
                sumAbs += Math.abs((double) x[3 + i] * y[1 + i]);
                squares += (double) x[3 + i] * x[3 + i];
            }
            double roundings = backend.sumRoundings().applyAsDouble(n);
            float s = SCALAR.reductions().dot(n, x, 3, y, 1);
            float v = k.reductions().dot(n, x, 3, y, 1);
            assertClose(s, v, referenceTol(n, sumAbs), "dot vs scalar, n=" + n);
            assertClose(exact, v, roundings * U * sumAbs, "dot vs double, n=" + n);
            // sqrt halves the relative error of the sum of squares and adds one rounding.
            double norm = Math.sqrt(squares);
            float ns = SCALAR.reductions().norm2(n, x, 3);
            float nv = k.reductions().norm2(n, x, 3);
            assertClose(ns, nv, ((n + 2) * U) * norm, "norm2 vs scalar, n=" + n);
            assertClose(norm, nv, (roundings * U / 2 + U) * norm, "norm2 vs double, n=" + n);
        }
    }

    /** Small integers: every partial sum is exact in float, so any order gives the exact sum. */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void integerSumsAreExactAtEveryLength(TestBackend backend) {
        Kernels k = backend.kernels();
        for (int n : new int[] {1, 17, 65, 257, 4099, 70_001, 3 * Split.CHUNK + 5}) {
            float[] x = new float[n];
            float[] y = new float[n];
            long sum = 0;
            long squares = 0;
            long dot = 0;
            for (int i = 0; i < n; i++) {
                x[i] = (i * 7919) % 13 - 6;
                y[i] = (i * 31) % 5 - 2;
                sum += (long) x[i];
                squares += (long) (x[i] * x[i]);
                dot += (long) (x[i] * y[i]);
            }
            assertEquals((float) sum, k.reductions().reduce(ReduceOp.SUM, n, x, 0), "sum n=" + n);
            assertEquals((float) squares, k.reductions().reduce(ReduceOp.SUM_SQUARES, n, x, 0), "sumsq n=" + n);
            assertEquals((float) dot, k.reductions().dot(n, x, 0, y, 0), "dot n=" + n);
            assertEquals(6f, k.reductions().reduce(ReduceOp.MAX, n, x, 0) + (n == 1 ? 12f : 0f), "max n=" + n);
        }
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void knownValues(TestBackend backend) {
        Kernels k = backend.kernels();
        assertEquals(5f, k.reductions().norm2(2, new float[] {3f, 4f}, 0));
        assertEquals(5f, k.reductions().norm2(2, new float[] {0f, 3f, -4f}, 1));
        float[] x = {1f, -2f, 3.5f, 0.5f};
        assertEquals(3f, k.reductions().reduce(ReduceOp.SUM, 4, x, 0));
        assertEquals(17.5f, k.reductions().reduce(ReduceOp.SUM_SQUARES, 4, x, 0));
        assertEquals(3.5f, k.reductions().reduce(ReduceOp.MAX, 4, x, 0));
        assertEquals(-2f, k.reductions().reduce(ReduceOp.MIN, 4, x, 0));
        assertEquals(-1f + 3.5f, k.reductions().dot(4, x, 0, new float[] {-1f, 0f, 1f, 0f}, 0));
        // Overflow and underflow of the squares are handled: |x| near 1e30 and 1e-30 (within 2 and 3 ulp).
        assertEquals(5e30f, k.reductions().norm2(2, new float[] {3e30f, 4e30f}, 0), 1e24f);
        assertEquals(5e-30f, k.reductions().norm2(2, new float[] {3e-30f, 4e-30f}, 0), 1e-36f);
        assertEquals(Float.POSITIVE_INFINITY, k.reductions().norm2(2, new float[] {Float.NEGATIVE_INFINITY, 1f}, 0));
        assertTrue(Float.isNaN(k.reductions().norm2(2, new float[] {Float.NaN, 1f}, 0)));
        float[] withNan = new float[40];
        withNan[21] = Float.NaN;
        assertTrue(Float.isNaN(k.reductions().reduce(ReduceOp.MAX, 40, withNan, 0)), "max propagates NaN");
        assertTrue(Float.isNaN(k.reductions().reduce(ReduceOp.MIN, 40, withNan, 0)), "min propagates NaN");
        assertTrue(Float.isNaN(k.reductions().reduce(ReduceOp.SUM, 40, withNan, 0)));
        float[] big = new float[70_001];
        java.util.Arrays.fill(big, 1e30f);
        float expected = (float) (1e30 * Math.sqrt(70_001));
        assertEquals(expected, k.reductions().norm2(big.length, big, 0), expected * 1e-6f);
    }

    /** Sums of nothing are 0; MAX / MIN of nothing (and rows or columns of nothing) are rejected. */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void emptyInputsFollowTheContract(TestBackend backend) {
        Kernels k = backend.kernels();
        assertEquals(0f, k.reductions().norm2(0, new float[0], 0));
        assertEquals(0f, k.reductions().reduce(ReduceOp.SUM, 0, new float[0], 0));
        assertEquals(0f, k.reductions().reduce(ReduceOp.SUM_SQUARES, 0, new float[0], 0));
        assertEquals(0f, k.reductions().dot(0, new float[0], 0, new float[0], 0));
        TestSupport.assertRejects("MAX", () -> k.reductions().reduce(ReduceOp.MAX, 0, new float[4], 0));
        TestSupport.assertRejects("MIN", () -> k.reductions().reduce(ReduceOp.MIN, 0, new float[4], 0));
        TestSupport.assertRejects("cols", () -> k.reductions().reduceRows(ReduceOp.MAX, 2, 0, new float[4], 0, new float[2], 0));
        TestSupport.assertRejects("rows", () -> k.reductions().reduceCols(ReduceOp.MIN, 0, 2, new float[4], 0, new float[2], 0));
    }

    @ParameterizedTest
    @MethodSource("reduceOps")
    void rowAndColumnReductionsMatchScalar(TestBackend backend, ReduceOp op) {
        Kernels k = backend.kernels();
        int[][] shapes = {{1, 1}, {1, 17}, {1, 300}, {300, 1}, {3, 17}, {17, 3}, {5, 16}, {7, 33}, {0, 3}, {33, 7},
            {33, 257}, {64, 1000}, {40, 1000}, {3000, 33}, {9, 9000}, {20, 5000}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            float[] x = shifted(uniform(rows * 131L + cols, rows * cols, -3, 5), 2, 0);
            float[] s = new float[rows + 2];
            float[] v = new float[rows + 2];
            SCALAR.reductions().reduceRows(op, rows, cols, x, 2, s, 1);
            k.reductions().reduceRows(op, rows, cols, x, 2, v, 1);
            String what = "reduceRows " + op + " " + rows + "x" + cols + " row";
            for (int i = 0; i < rows; i++) {
                double sumAbs = 0;
                for (int j = 0; j < cols; j++) {
                    double e = x[2 + i * cols + j];
                    sumAbs += op == ReduceOp.SUM_SQUARES ? e * e : Math.abs(e);
                }
                double tol = op == ReduceOp.MAX || op == ReduceOp.MIN ? 0 : referenceTol(cols, sumAbs);
                assertClose(s[1 + i], v[1 + i], tol, what, i);
            }
            assertEquals(0f, v[0], "reduceRows writes nothing before out");
            assertEquals(0f, v[rows + 1], "reduceRows writes nothing after out");
            if (rows == 0 && (op == ReduceOp.MAX || op == ReduceOp.MIN)) {
                continue; // empty columns: emptyInputsFollowTheContract
            }
            // Columns are folded row by row in every backend: identical bits.
            float[] cs = new float[cols + 1];
            float[] cv = new float[cols + 1];
            SCALAR.reductions().reduceCols(op, rows, cols, x, 2, cs, 0);
            k.reductions().reduceCols(op, rows, cols, x, 2, cv, 0);
            assertSameBits(cs, cv, "reduceCols " + op + " " + rows + "x" + cols);
            if (rows > 0 && cols > 2) {
                double col = 0;
                double colAbs = 0;
                for (int i = 0; i < rows; i++) {
                    double e = x[2 + i * cols + 2];
                    colAbs += op == ReduceOp.SUM_SQUARES ? e * e : Math.abs(e);
                    col = switch (op) {
                        case SUM -> col + e;
                        case SUM_SQUARES -> col + e * e;
                        case MAX -> i == 0 ? e : Math.max(col, e);
                        case MIN -> i == 0 ? e : Math.min(col, e);
                    };
                }
                assertClose(col, cv[2], (rows + 1) * U * colAbs, "column 2 vs double, " + op);
            }
        }
    }

    @Test
    void bitIdenticalForEveryThreadCount() {
        int n = 5 * Split.CHUNK + 77;
        float[] x = uniform(3, n, -1, 2);
        float[] y = uniform(4, n, -1, 2);
        Kernels[] ks = {VECTOR1, VECTOR2, VECTOR3};
        for (ReduceOp op : ReduceOp.values()) {
            float r1 = ks[0].reductions().reduce(op, n, x, 0);
            for (Kernels k : ks) {
                assertTrue(TestSupport.sameBits(r1, k.reductions().reduce(op, n, x, 0)), op + " " + k.threads() + " threads");
            }
            float[][] rows = new float[3][];
            float[][] cols = new float[3][];
            for (int t = 0; t < 3; t++) {
                rows[t] = new float[n / 5000];
                cols[t] = new float[5000];
                ks[t].reductions().reduceRows(op, n / 5000, 5000, x, 0, rows[t], 0);
                ks[t].reductions().reduceCols(op, n / 5000, 5000, x, 0, cols[t], 0);
            }
            assertSameBits(rows[0], rows[1], "reduceRows " + op);
            assertSameBits(rows[0], rows[2], "reduceRows " + op);
            assertSameBits(cols[0], cols[1], "reduceCols " + op);
            assertSameBits(cols[0], cols[2], "reduceCols " + op);
        }
        float d = ks[0].reductions().dot(n, x, 0, y, 0);
        float nrm = ks[0].reductions().norm2(n, x, 0);
        for (Kernels k : ks) {
            assertTrue(TestSupport.sameBits(d, k.reductions().dot(n, x, 0, y, 0)), "dot " + k.threads() + " threads");
            assertTrue(TestSupport.sameBits(nrm, k.reductions().norm2(n, x, 0)), "norm2 " + k.threads() + " threads");
        }
    }

    /** Calls every backend must reject with the reference's message (run by {@link BadArgumentsTest}). */
    static List<BadCall> badCalls() {
        float[] a8 = new float[8];
        float[] a4 = new float[4];
        List<BadCall> c = new ArrayList<>();
        c.add(new BadCall("reduce null op", "op", k -> k.reductions().reduce(null, 3, a8, 0)));
        c.add(new BadCall("reduce short x", "x", k -> k.reductions().reduce(ReduceOp.SUM, 9, a8, 0)));
        c.add(new BadCall("reduce negative n", "n", k -> k.reductions().reduce(ReduceOp.SUM, -1, a8, 0)));
        c.add(new BadCall("reduce MAX of nothing", "MAX", k -> k.reductions().reduce(ReduceOp.MAX, 0, a8, 0)));
        c.add(new BadCall("reduceRows short out", "out", k -> k.reductions().reduceRows(ReduceOp.SUM, 5, 1, a8, 0, a4, 0)));
        c.add(new BadCall("reduceCols short out", "out", k -> k.reductions().reduceCols(ReduceOp.SUM, 1, 5, a8, 0, a4, 0)));
        c.add(new BadCall("reduceCols short x", "x", k -> k.reductions().reduceCols(ReduceOp.SUM, 3, 3, a8, 0, a8, 0)));
        c.add(new BadCall("dot short y", "y", k -> k.reductions().dot(5, a8, 0, a4, 0)));
        c.add(new BadCall("norm2 null x", "x", k -> k.reductions().norm2(1, null, 0)));
        return c;
    }
}
