package lid.kernels.opencl;

import static lid.kernels.opencl.ClTests.SCALAR;
import static lid.kernels.opencl.ClTests.SIZES;
import static lid.kernels.opencl.ClTests.VECTOR;
import static lid.kernels.opencl.ClTests.assertClose;
import static lid.kernels.opencl.ClTests.assertSameBits;
import static lid.kernels.opencl.ClTests.shifted;
import static lid.kernels.opencl.ClTests.uniform;

import java.util.Arrays;
import lid.kernels.BinaryOp;
import lid.kernels.Kernels;
import lid.kernels.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Elementwise kernels and the Adam update. The OpenCL kernels evaluate FastMath's formulas
 * operation for operation, so exp / log / tanh / sigmoid / silu / gelu and their derivatives
 * must give the Vector API backend's bits (FastMath's), special values included, and the other
 * unary ops the scalar reference's bits; and, through that, stay within
 * ElementwiseTest's tolerances of the scalar reference (2 ulp for exp / log / tanh, 6 ulp for
 * sigmoid / silu, 6 ulp + |x| 2^-22 for gelu). Binary ops, broadcasts, axpy, scale, clamp,
 * fill and Adam are plain IEEE operations: the scalar reference's bits.
 */
class OpenClElementwiseTest {

    private static final float[] SPECIAL = {0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
        88.7f, 89.5f, -103.9f, -104.5f, 0.625f, -0.625f, 0.62f, 1e-30f, 3e-39f, 9.5f, -9.5f, 20f, -20f};

    /** Ops computed with FastMath's polynomials (compared with the Vector backend); the rest are IEEE operations. */
    private static Kernels twin(UnaryOp op) {
        return switch (op) {
            case EXP, LOG, TANH, SIGMOID, SILU, GELU -> VECTOR;
            default -> SCALAR;
        };
    }

    private static double forwardTol(UnaryOp op, float x, float s) {
        double ulp = Math.ulp(Math.abs(s));
        return switch (op) {
            case EXP, LOG, TANH -> 2 * ulp;
            case SIGMOID, SILU -> 6 * ulp;
            case GELU -> 6 * ulp + Math.abs(x) * 0x1p-22;
            default -> 0;
        };
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryGivesFastMathBitsAndStaysNearTheReference(UnaryOp op) {
        Kernels cl = ClTests.device();
        for (int n : new int[] {1, 2, 3, 15, 16, 17, 31, 33, 257, 1031, 70_001}) {
            float[] x = shifted(uniform(n, n, -12, 12), 3, 1);
            if (op == UnaryOp.LOG || op == UnaryOp.SQRT) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = Math.abs(x[i]) + 1e-3f;
                }
            }
            float[] v = new float[n + 5];
            float[] c = new float[n + 5];
            float[] s = new float[n + 5];
            twin(op).elementwise().unary(op, n, x, 3, v, 0);
            cl.elementwise().unary(op, n, x, 3, c, 0);
            SCALAR.elementwise().unary(op, n, x, 3, s, 0);
            assertSameBits(v, c, op + " n=" + n + " vs FastMath");
            for (int i = 0; i < n; i++) {
                assertClose(s[i], c[i], forwardTol(op, x[3 + i], s[i]), op + " vs scalar at x=" + x[3 + i]);
            }
        }
        float[] v = new float[SPECIAL.length];
        float[] c = new float[SPECIAL.length];
        twin(op).elementwise().unary(op, SPECIAL.length, SPECIAL, 0, v, 0);
        cl.elementwise().unary(op, SPECIAL.length, SPECIAL, 0, c, 0);
        assertSameBits(v, c, op + " special values " + Arrays.toString(SPECIAL));
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryBackwardGivesFastMathBits(UnaryOp op) {
        Kernels cl = ClTests.device();
        for (int n : new int[] {1, 17, 33, 1031, 20_001}) {
            float[] x = shifted(uniform(n + 1, n, -9, 9), 1, 0);
            if (op == UnaryOp.LOG || op == UnaryOp.SQRT) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = Math.abs(x[i]) + 1e-3f;
                }
            }
            float[] g = shifted(uniform(n + 2, n, -2, 2), 4, 0);
            float[] v = new float[n + 2];
            float[] c = new float[n + 2];
            twin(op).elementwise().unaryBackward(op, n, x, 1, g, 4, v, 2);
            cl.elementwise().unaryBackward(op, n, x, 1, g, 4, c, 2);
            assertSameBits(v, c, op + "' n=" + n);
            // in place: gradIn is gradOut
            float[] gi = g.clone();
            cl.elementwise().unaryBackward(op, n, x, 1, gi, 4, gi, 4);
            assertSameBits(Arrays.copyOfRange(v, 2, n + 2), Arrays.copyOfRange(gi, 4, n + 4), op + "' in place");
        }
        float[] ones = new float[SPECIAL.length];
        Arrays.fill(ones, 1f);
        float[] v = new float[SPECIAL.length];
        float[] c = new float[SPECIAL.length];
        twin(op).elementwise().unaryBackward(op, SPECIAL.length, SPECIAL, 0, ones, 0, v, 0);
        cl.elementwise().unaryBackward(op, SPECIAL.length, SPECIAL, 0, ones, 0, c, 0);
        assertSameBits(v, c, op + "' special values");
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryAndBroadcastsGiveTheReferenceBits(BinaryOp op) {
        Kernels cl = ClTests.device();
        for (int n : SIZES) {
            float[] x = shifted(uniform(n, n, -4, 4), 2, 0);
            float[] y = shifted(uniform(n + 9, n, -4, 4), 1, 3);
            float[] s = new float[n + 4];
            float[] c = new float[n + 4];
            SCALAR.elementwise().binary(op, n, x, 2, y, 1, s, 4);
            cl.elementwise().binary(op, n, x, 2, y, 1, c, 4);
            assertSameBits(s, c, op + " n=" + n);
            float[] inPlace = x.clone();
            cl.elementwise().binary(op, n, inPlace, 2, y, 1, inPlace, 2);
            assertSameBits(Arrays.copyOfRange(s, 4, n + 4), Arrays.copyOfRange(inPlace, 2, n + 2), op + " in place");
        }
        float[] sp = {0f, -0f, Float.NaN, 1f, Float.POSITIVE_INFINITY, -0f};
        float[] sq = {-0f, 0f, 1f, Float.NaN, Float.NEGATIVE_INFINITY, -0f};
        float[] s = new float[6];
        float[] c = new float[6];
        SCALAR.elementwise().binary(op, 6, sp, 0, sq, 0, s, 0);
        cl.elementwise().binary(op, 6, sp, 0, sq, 0, c, 0);
        assertSameBits(s, c, op + " special values");
        for (int[] shape : new int[][] {{1, 1}, {3, 17}, {17, 3}, {33, 65}, {128, 100}}) {
            int rows = shape[0], cols = shape[1];
            float[] x = shifted(uniform(rows * 31L + cols, rows * cols, -3, 3), 1, 0);
            float[] vr = shifted(uniform(cols, cols, -3, 3), 2, 0);
            float[] vc = shifted(uniform(rows + 7, rows, -3, 3), 3, 0);
            float[] sr = new float[rows * cols], cr = new float[rows * cols];
            SCALAR.elementwise().binaryRows(op, rows, cols, x, 1, vr, 2, sr, 0);
            cl.elementwise().binaryRows(op, rows, cols, x, 1, vr, 2, cr, 0);
            assertSameBits(sr, cr, "binaryRows " + op + " " + rows + "x" + cols);
            float[] sc = new float[rows * cols], cc = new float[rows * cols];
            SCALAR.elementwise().binaryCols(op, rows, cols, x, 1, vc, 3, sc, 0);
            cl.elementwise().binaryCols(op, rows, cols, x, 1, vc, 3, cc, 0);
            assertSameBits(sc, cc, "binaryCols " + op + " " + rows + "x" + cols);
        }
    }

    @Test
    void axpyScaleClampFillGiveTheReferenceBits() {
        Kernels cl = ClTests.device();
        for (int n : SIZES) {
            float[] x = shifted(uniform(n, n, -5, 5), 1, 2);
            float[] y = shifted(uniform(n + 1, n, -5, 5), 3, 0);
            float[] ys = y.clone(), yc = y.clone();
            SCALAR.elementwise().axpy(n, -0.37f, x, 1, ys, 3);
            cl.elementwise().axpy(n, -0.37f, x, 1, yc, 3);
            assertSameBits(ys, yc, "axpy n=" + n);
            float[] s = new float[n + 1], c = new float[n + 1];
            SCALAR.elementwise().scale(n, 1.7f, x, 1, s, 1);
            cl.elementwise().scale(n, 1.7f, x, 1, c, 1);
            assertSameBits(s, c, "scale n=" + n);
            SCALAR.elementwise().clamp(n, -1.5f, 2f, x, 1, s, 0);
            cl.elementwise().clamp(n, -1.5f, 2f, x, 1, c, 0);
            assertSameBits(s, c, "clamp n=" + n);
            SCALAR.elementwise().fill(n, 0.25f, s, 1);
            cl.elementwise().fill(n, 0.25f, c, 1);
            assertSameBits(s, c, "fill n=" + n);
        }
    }

    @Test
    void copyRowsCopiesBlocksBitForBit() {
        Kernels cl = ClTests.device();
        for (int[] c : new int[][] {{1, 1, 1, 1}, {3, 17, 20, 33}, {64, 65, 65, 70}, {257, 3, 8, 3}, {5, 1000, 1001, 1000}}) {
            int rows = c[0], cols = c[1], lds = c[2], ldd = c[3];
            float[] src = uniform(rows, 2 + rows * lds, -3, 3);
            src[2] = Float.NaN;
            float[] expected = uniform(cols, 1 + rows * ldd, -1, 1), got = expected.clone();
            SCALAR.copyRows(rows, cols, src, 2, lds, expected, 1, ldd);
            cl.copyRows(rows, cols, src, 2, lds, got, 1, ldd);
            assertSameBits(expected, got, "copyRows " + Arrays.toString(c));
        }
    }

    @Test
    void adamMatchesScalarExactly() {
        Kernels cl = ClTests.device();
        java.util.Random rnd = new java.util.Random(3);
        for (int n : new int[] {1, 15, 16, 17, 33, 1000, 40_000}) {
            float[] p = new float[n + 3], g = new float[n + 2], m = new float[n + 1], v = new float[n + 4];
            for (int i = 0; i < n; i++) {
                p[i + 3] = (float) rnd.nextGaussian();
                g[i + 2] = (float) rnd.nextGaussian();
                m[i + 1] = (float) rnd.nextGaussian() * 0.1f;
                v[i + 4] = (float) Math.abs(rnd.nextGaussian()) * 0.01f;
            }
            float[][] ref = {p.clone(), m.clone(), v.clone()};
            float[][] got = {p.clone(), m.clone(), v.clone()};
            SCALAR.optimizer().adamUpdate(n, ref[0], 3, g, 2, ref[1], 1, ref[2], 4, 0.9f, 0.999f, 1e-8f, 0.01f, 1.3f, 0.999f, 0.01f);
            cl.optimizer().adamUpdate(n, got[0], 3, g, 2, got[1], 1, got[2], 4, 0.9f, 0.999f, 1e-8f, 0.01f, 1.3f, 0.999f, 0.01f);
            assertSameBits(ref[0], got[0], "p n=" + n);
            assertSameBits(ref[1], got[1], "m n=" + n);
            assertSameBits(ref[2], got[2], "v n=" + n);
        }
    }
}
