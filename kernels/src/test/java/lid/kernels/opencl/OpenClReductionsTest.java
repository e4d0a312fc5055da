package lid.kernels.opencl;

import static lid.kernels.opencl.ClTests.SCALAR;
import static lid.kernels.opencl.ClTests.SIZES;
import static lid.kernels.opencl.ClTests.U;
import static lid.kernels.opencl.ClTests.assertClose;
import static lid.kernels.opencl.ClTests.assertSameBits;
import static lid.kernels.opencl.ClTests.shifted;
import static lid.kernels.opencl.ClTests.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lid.kernels.Kernels;
import lid.kernels.ReduceOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reductions against the scalar reference with ReductionsTest's rule: two float sums of the
 * same n terms in different orders differ by at most 2 (n + 1) u sum|terms|; MAX and MIN are
 * exact; reduceCols folds each column in row order like the reference: the same bits.
 */
class OpenClReductionsTest {

    private static double referenceTol(int n, double sumAbsTerms) {
        return 2.0 * (n + 1) * U * sumAbsTerms;
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceMatchesScalar(ReduceOp op) {
        Kernels cl = ClTests.device();
        for (int n : SIZES) {
            float[] x = shifted(uniform(n, n, -3, 5), 7, 2);
            double sumAbs = 0;
            for (int i = 0; i < n; i++) {
                double v = x[7 + i];
                sumAbs += Math.abs(op == ReduceOp.SUM_SQUARES ? v * v : v);
            }
            float s = SCALAR.reductions().reduce(op, n, x, 7);
            float c = cl.reductions().reduce(op, n, x, 7);
            if (op == ReduceOp.MAX || op == ReduceOp.MIN) {
                assertEquals(s, c, op + " n=" + n);
            } else {
                assertClose(s, c, referenceTol(n, sumAbs), op + " n=" + n);
            }
        }
        float[] withNaN = {1f, Float.NaN, 3f};
        assertEquals(SCALAR.reductions().reduce(op, 3, withNaN, 0), cl.reductions().reduce(op, 3, withNaN, 0), op + " with NaN");
    }

    @Test
    void emptyInputsFollowTheContract() {
        Kernels cl = ClTests.device();
        assertEquals(0f, cl.reductions().reduce(ReduceOp.SUM, 0, new float[0], 0));
        assertEquals(0f, cl.reductions().dot(0, new float[0], 0, new float[0], 0));
        assertEquals(0f, cl.reductions().norm2(0, new float[0], 0));
        assertThrows(IllegalArgumentException.class, () -> cl.reductions().reduce(ReduceOp.MAX, 0, new float[1], 0));
    }

    @Test
    void dotAndNorm2MatchScalar() {
        Kernels cl = ClTests.device();
        for (int n : SIZES) {
            float[] x = shifted(uniform(n, n, -2, 2), 1, 0);
            float[] y = shifted(uniform(n + 5, n, -2, 2), 4, 1);
            double sumAbs = 0, sq = 0;
            for (int i = 0; i < n; i++) {
                sumAbs += Math.abs((double) x[1 + i] * y[4 + i]);
                sq += (double) x[1 + i] * x[1 + i];
            }
            assertClose(SCALAR.reductions().dot(n, x, 1, y, 4), cl.reductions().dot(n, x, 1, y, 4), referenceTol(n, sumAbs), "dot n=" + n);
            double norm = Math.sqrt(sq);
            assertClose(SCALAR.reductions().norm2(n, x, 1), cl.reductions().norm2(n, x, 1), (n + 2) * U * norm, "norm2 n=" + n);
        }
        // Squares overflow float: the host recomputes in double.
        float[] big = {3e30f, 4e30f};
        assertEquals(5e30f, cl.reductions().norm2(2, big, 0), 1e24f);
        float[] tiny = {3e-30f, 4e-30f};
        assertEquals(5e-30f, cl.reductions().norm2(2, tiny, 0), 1e-36f);
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void rowsAndColumnsMatchScalar(ReduceOp op) {
        Kernels cl = ClTests.device();
        for (int[] shape : new int[][] {{1, 1}, {1, 300}, {300, 1}, {3, 17}, {17, 3}, {33, 257}, {64, 1000}}) {
            int rows = shape[0], cols = shape[1];
            float[] x = shifted(uniform(rows * 131L + cols, rows * cols, -3, 3), 1, 0);
            float[] s = new float[rows + 2], c = new float[rows + 2];
            SCALAR.reductions().reduceRows(op, rows, cols, x, 1, s, 1);
            cl.reductions().reduceRows(op, rows, cols, x, 1, c, 1);
            for (int i = 0; i < rows; i++) {
                double sumAbs = 0;
                for (int j = 0; j < cols; j++) {
                    double v = x[1 + i * cols + j];
                    sumAbs += Math.abs(op == ReduceOp.SUM_SQUARES ? v * v : v);
                }
                double tol = op == ReduceOp.MAX || op == ReduceOp.MIN ? 0 : referenceTol(cols, sumAbs);
                assertClose(s[1 + i], c[1 + i], tol, "reduceRows " + op + " " + rows + "x" + cols + " row " + i);
            }
            float[] cs = new float[cols + 1], cc = new float[cols + 1];
            SCALAR.reductions().reduceCols(op, rows, cols, x, 1, cs, 0);
            cl.reductions().reduceCols(op, rows, cols, x, 1, cc, 0);
            assertSameBits(cs, cc, "reduceCols " + op + " " + rows + "x" + cols);
        }
    }
}
