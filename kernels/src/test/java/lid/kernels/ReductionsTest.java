package lid.kernels;

import static lid.kernels.TestSupport.SCALAR;
import static lid.kernels.TestSupport.SIZES;
import static lid.kernels.TestSupport.U;
import static lid.kernels.TestSupport.VECTOR1;
import static lid.kernels.TestSupport.VECTOR2;
import static lid.kernels.TestSupport.VECTOR3;
import static lid.kernels.TestSupport.assertClose;
import static lid.kernels.TestSupport.assertSameBits;
import static lid.kernels.TestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reductions: known values, Vector API against the scalar reference and against double,
 * exact integer sums (which catch a skipped or doubled element at any length), thread-count
 * bit identity.
 *
 * <p>Tolerances: a float sum of n terms in any order has |error| <= (n - 1) u sum|terms|
 * (u = 2^-24), and each product of dot / SUM_SQUARES adds u |term|; two backends therefore
 * differ by at most 2 (n + 1) u sum|terms|. The Vector backend adds each lane of four
 * 16-lane accumulators over at most 32768 / 64 = 512 terms, then ~20 pairwise / lane / tail
 * additions and one addition per 32768-element chunk, so against a double sum it must be
 * within (n / 64 + 64 + n / 32768 + 1) u sum|terms|. MAX and MIN are exact.
 */
class ReductionsTest {

    private static double referenceTol(int n, double sumAbsTerms) {
        return 2.0 * (n + 1) * U * sumAbsTerms;
    }

    private static double vectorVsDoubleTol(int n, double sumAbsTerms) {
        return (n / 64.0 + 64 + n / 32768.0 + 1) * U * sumAbsTerms;
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceVectorMatchesScalar(ReduceOp op) {
        for (int n : SIZES) {
            float[] x = TestSupport.shifted(uniform(n, n, -3, 5), 7, 2);
            double exact = 0;
            double sumAbs = 0;
            for (int i = 0; i < n; i++) {
                double v = x[7 + i];
                double term = op == ReduceOp.SUM_SQUARES ? v * v : v;
                exact += term;
                sumAbs += Math.abs(term);
            }
            float s = SCALAR.reductions().reduce(op, n, x, 7);
            float v = VECTOR2.reductions().reduce(op, n, x, 7);
            if (op == ReduceOp.MAX || op == ReduceOp.MIN) {
                assertEquals(s, v, op + " n=" + n);
                continue;
            }
            assertClose(s, v, referenceTol(n, sumAbs), op + " vector vs scalar, n=" + n);
            assertClose(exact, v, vectorVsDoubleTol(n, sumAbs), op + " vector vs double, n=" + n);
            assertClose(exact, s, (n + 1) * U * sumAbs, op + " scalar vs double, n=" + n);
        }
    }

    @Test
    void dotAndNormMatchScalar() {
        for (int n : SIZES) {
            float[] x = TestSupport.shifted(uniform(n, n, -2, 2), 3, 0);
            float[] y = TestSupport.shifted(uniform(n + 1, n, -2, 2), 0, 5);
            double exact = 0;
            double sumAbs = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                exact += (double) x[3 + i] * y[i];
                sumAbs += Math.abs((double) x[3 + i] * y[i]);
                squares += (double) x[3 + i] * x[3 + i];
            }
            float s = SCALAR.reductions().dot(n, x, 3, y, 0);
            float v = VECTOR2.reductions().dot(n, x, 3, y, 0);
            assertClose(s, v, referenceTol(n, sumAbs), "dot vector vs scalar, n=" + n);
            assertClose(exact, v, vectorVsDoubleTol(n, sumAbs), "dot vector vs double, n=" + n);
            // sqrt halves the relative error of the sum of squares and adds one rounding.
            double norm = Math.sqrt(squares);
            float ns = SCALAR.reductions().norm2(n, x, 3);
            float nv = VECTOR2.reductions().norm2(n, x, 3);
            assertClose(ns, nv, ((n + 2) * U) * norm, "norm2 vector vs scalar, n=" + n);
            assertClose(norm, nv, (vectorVsDoubleTol(n, 1) / 2 + U) * norm, "norm2 vector vs double, n=" + n);
        }
    }

    /** Small integers: every partial sum is exact in float, so any order gives the exact sum. */
    @Test
    void integerSumsAreExactAtEveryLength() {
        for (int n : new int[] {1, 17, 65, 4099, 70_001, 3 * Split.CHUNK + 5}) {
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
            for (Kernels k : new Kernels[] {SCALAR, VECTOR1, VECTOR3}) {
                assertEquals((float) sum, k.reductions().reduce(ReduceOp.SUM, n, x, 0), k.name() + " sum n=" + n);
                assertEquals((float) squares, k.reductions().reduce(ReduceOp.SUM_SQUARES, n, x, 0), k.name() + " sumsq n=" + n);
                assertEquals((float) dot, k.reductions().dot(n, x, 0, y, 0), k.name() + " dot n=" + n);
                assertEquals(6f, k.reductions().reduce(ReduceOp.MAX, n, x, 0) + (n == 1 ? 12f : 0f), k.name() + " max n=" + n);
            }
        }
    }

    @Test
    void knownValues() {
        for (Kernels k : new Kernels[] {SCALAR, VECTOR1}) {
            assertEquals(5f, k.reductions().norm2(2, new float[] {3f, 4f}, 0), k.name());
            assertEquals(5f, k.reductions().norm2(2, new float[] {0f, 3f, -4f}, 1), k.name());
            assertEquals(0f, k.reductions().norm2(0, new float[0], 0));
            assertEquals(0f, k.reductions().reduce(ReduceOp.SUM, 0, new float[0], 0));
            assertEquals(0f, k.reductions().dot(0, new float[0], 0, new float[0], 0));
            float[] x = {1f, -2f, 3.5f, 0.5f};
            assertEquals(3f, k.reductions().reduce(ReduceOp.SUM, 4, x, 0));
            assertEquals(17.5f, k.reductions().reduce(ReduceOp.SUM_SQUARES, 4, x, 0));
            assertEquals(3.5f, k.reductions().reduce(ReduceOp.MAX, 4, x, 0));
            assertEquals(-2f, k.reductions().reduce(ReduceOp.MIN, 4, x, 0));
            assertEquals(-1f + 3.5f, k.reductions().dot(4, x, 0, new float[] {-1f, 0f, 1f, 0f}, 0));
            // Overflow and underflow of the squares are handled: |x| near 1e30 and 1e-30.
            assertEquals(5e30f, k.reductions().norm2(2, new float[] {3e30f, 4e30f}, 0), 5e30f * 1e-6f, k.name());
            assertEquals(5e-30f, k.reductions().norm2(2, new float[] {3e-30f, 4e-30f}, 0), 5e-30f * 1e-6f, k.name());
            assertEquals(Float.POSITIVE_INFINITY, k.reductions().norm2(2, new float[] {Float.NEGATIVE_INFINITY, 1f}, 0));
            assertTrue(Float.isNaN(k.reductions().norm2(2, new float[] {Float.NaN, 1f}, 0)));
            float[] withNan = new float[40];
            withNan[21] = Float.NaN;
            assertTrue(Float.isNaN(k.reductions().reduce(ReduceOp.MAX, 40, withNan, 0)), k.name() + " max propagates NaN");
            assertTrue(Float.isNaN(k.reductions().reduce(ReduceOp.MIN, 40, withNan, 0)), k.name() + " min propagates NaN");
            assertTrue(Float.isNaN(k.reductions().reduce(ReduceOp.SUM, 40, withNan, 0)));
        }
        float[] big = new float[70_001];
        java.util.Arrays.fill(big, 1e30f);
        float expected = (float) (1e30 * Math.sqrt(70_001));
        assertEquals(expected, VECTOR2.reductions().norm2(big.length, big, 0), expected * 1e-6f);
        assertEquals(expected, SCALAR.reductions().norm2(big.length, big, 0), expected * 1e-6f);
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void rowAndColumnReductionsMatchScalar(ReduceOp op) {
        int[][] shapes = {{1, 1}, {1, 17}, {3, 17}, {5, 16}, {7, 33}, {0, 3}, {33, 7}, {40, 1000}, {3000, 33}, {9, 9000}, {20, 5000}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            float[] x = TestSupport.shifted(uniform(rows * 131L + cols, rows * cols, -3, 5), 2, 0);
            float[] s = new float[rows + 1];
            float[] v = new float[rows + 1];
            SCALAR.reductions().reduceRows(op, rows, cols, x, 2, s, 1);
            VECTOR2.reductions().reduceRows(op, rows, cols, x, 2, v, 1);
            for (int i = 0; i < rows; i++) {
                double sumAbs = 0;
                for (int j = 0; j < cols; j++) {
                    double e = x[2 + i * cols + j];
                    sumAbs += op == ReduceOp.SUM_SQUARES ? e * e : Math.abs(e);
                }
                double tol = op == ReduceOp.MAX || op == ReduceOp.MIN ? 0 : referenceTol(cols, sumAbs);
                assertClose(s[1 + i], v[1 + i], tol, "reduceRows " + op + " " + rows + "x" + cols + " row " + i);
            }
            if (rows == 0 && (op == ReduceOp.MAX || op == ReduceOp.MIN)) {
                continue; // empty columns: emptyMaxMinThrow
            }
            // Columns are summed row by row in both backends: identical bits.
            float[] cs = new float[cols];
            float[] cv = new float[cols];
            SCALAR.reductions().reduceCols(op, rows, cols, x, 2, cs, 0);
            VECTOR2.reductions().reduceCols(op, rows, cols, x, 2, cv, 0);
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
    void emptyMaxMinThrow() {
        for (Kernels k : new Kernels[] {SCALAR, VECTOR1}) {
            TestSupport.assertRejects("MAX", () -> k.reductions().reduce(ReduceOp.MAX, 0, new float[4], 0));
            TestSupport.assertRejects("MIN", () -> k.reductions().reduce(ReduceOp.MIN, 0, new float[4], 0));
            TestSupport.assertRejects("cols", () -> k.reductions().reduceRows(ReduceOp.MAX, 2, 0, new float[4], 0, new float[2], 0));
            TestSupport.assertRejects("rows", () -> k.reductions().reduceCols(ReduceOp.MIN, 0, 2, new float[4], 0, new float[2], 0));
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
}
