package lid.kernels;

import java.util.List;
import java.util.ArrayList;
import static lid.kernels.TestBackend.FASTMATH;
import static lid.kernels.TestSupport.SCALAR;
import static lid.kernels.TestSupport.QUICK_SIZES;
import static lid.kernels.TestSupport.SIZES;
import static lid.kernels.TestSupport.VECTOR1;
import static lid.kernels.TestSupport.VECTOR2;
import static lid.kernels.TestSupport.VECTOR3;
import static lid.kernels.TestSupport.assertClose;
import static lid.kernels.TestSupport.assertSameBits;
import static lid.kernels.TestSupport.awayFromZero;
import static lid.kernels.TestSupport.shifted;
import static lid.kernels.TestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Elementwise kernels: every backend against the scalar reference, derivatives against finite
 * differences, known IEEE values, in-place use, copyRows, thread-count bit identity of the
 * Vector backend.
 *
 * <p>Tolerances (backend vs scalar, per element, s the scalar result, ulp = Math.ulp(s)):
 * <ul>
 *   <li>NEG, ABS, SQUARE, RECIPROCAL, SQRT, RELU and their derivatives, LOG's derivative,
 *       every binary op and broadcast, axpy, scale, clamp, fill, copyRows: 0 (identical bits).
 *       Every backend does the same correctly rounded IEEE operations in the same order (the
 *       OpenCL program is built without fma contraction, with IEEE division and square root).</li>
 *   <li>EXP, LOG, TANH: 2 ulp. The reference is (float) Math.exp / log / tanh; the Vector
 *       backend uses FastMath's polynomials, which FastMathTest holds within 2 ulp of exactly
 *       that (1 ulp was the worst seen over 44 million floats).</li>
 *   <li>SIGMOID, SILU: 6 ulp: one exp (2 ulp apart), then 1 + e, a division and for SILU a
 *       product, each adding at most 1 ulp of relative error that both sides round alike.</li>
 *   <li>GELU: 6 ulp + |x| 2^-22: tanh may differ by 2 ulp of |t| <= 1, i.e. 2^-23 absolute,
 *       and 1 + t cancels when x << 0, so the difference is absolute, times 0.5 |x|.</li>
 *   <li>backward of EXP / TANH / SIGMOID / SILU / GELU: 6 ulp of the result + |g| (1+|x|)^3
 *       2^-21: the transcendental value differs by <= 2^-23 absolute (<= 2 ulp of a value
 *       of magnitude <= 1, for EXP relative), and the derivative formulas multiply it by at
 *       most ~(1+|x|)^3 (GELU: x * du with du ~ x^2).</li>
 * </ul>
 * A backend that evaluates FastMath's formulas operation for operation
 * ({@link TestBackend#fastMathBits}, the Vector API and OpenCL) must moreover give FastMath's
 * bits, i.e. the one-thread Vector backend's, for exp / log / tanh / sigmoid / silu / gelu and
 * their derivatives, special values included; through that it stays within the tolerances above.
 */
@ExtendWith(BackendInFailures.class)
class ElementwiseTest {

    private static final Set<UnaryOp> EXACT_FORWARD =
            EnumSet.of(UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SQUARE, UnaryOp.RECIPROCAL, UnaryOp.SQRT, UnaryOp.RELU);
    private static final Set<UnaryOp> EXACT_BACKWARD =
            EnumSet.of(UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SQUARE, UnaryOp.RECIPROCAL, UnaryOp.LOG, UnaryOp.SQRT, UnaryOp.RELU);

    /**
     * IEEE special values, the ends of exp's range (overflow past 88.72, subnormal results below
     * -87.34, zero below -103.97), around the polynomials' range switches, subnormals and the
     * float extremes.
     */
    private static final float[] SPECIAL = {0f, -0f, 1f, -1f, -2.5f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
        88.7f, 89.5f, -103.9f, -104.5f, 0.625f, -0.625f, 0.62f, 1e-30f, 3e-39f, 1e30f, 9.5f, -9.5f, 20f, -20f, 100f, -100f};

    static Stream<Arguments> unaryOps() {
        return TestBackend.times(TestBackend.all(), UnaryOp.values());
    }

    static Stream<Arguments> unaryOpsWithReference() {
        return TestBackend.times(TestBackend.withReference(), UnaryOp.values());
    }

    static Stream<Arguments> binaryOps() {
        return TestBackend.times(TestBackend.all(), BinaryOp.values());
    }

    /** The backend promises FastMath's bits and is not the backend that defines them. */
    private static boolean comparesWithFastMath(TestBackend backend) {
        return backend.fastMathBits() && backend.kernels() != FASTMATH;
    }

    /** Inputs in the op's domain: (0.001, 20) for LOG and SQRT, else (-12, 12) away from the kink at 0. */
    private static float[] inputs(UnaryOp op, long seed, int n) {
        if (op == UnaryOp.LOG || op == UnaryOp.SQRT) {
            return uniform(seed, n, 0.001, 20);
        }
        return awayFromZero(seed, n, -12, 12, 1e-3);
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

    private static double backwardTol(UnaryOp op, float x, float g, float s) {
        if (EXACT_BACKWARD.contains(op)) {
            return 0;
        }
        double a = 1 + Math.abs(x);
        return 6 * Math.ulp(Math.abs(s)) + Math.abs(g) * a * a * a * 0x1p-21;
    }

    /**
     * Against the scalar reference on n inputs at offset 3, out at 5: within the tolerance, its bits
     * for the exact ops, FastMath's bits for the others where promised; in place too.
     */
    @ParameterizedTest
    @MethodSource("unaryOps")
    void unary(TestBackend backend, UnaryOp op) {
        Kernels k = backend.kernels();
        for (int n : backend.pick(SIZES, QUICK_SIZES)) {
            float[] x = shifted(inputs(op, n, n), 3, 2);
            float[] expected = new float[n + 6];
            float[] actual = new float[n + 6];
            SCALAR.elementwise().unary(op, n, x, 3, expected, 5);
            k.elementwise().unary(op, n, x, 3, actual, 5);
            String what = op + " n=" + n + ", element";
            for (int i = 0; i < n; i++) {
                float s = expected[5 + i];
                assertClose(s, actual[5 + i], forwardTol(op, x[3 + i], s), what, i);
            }
            assertEquals(0f, actual[4]);
            assertEquals(0f, actual[5 + n]);
            if (EXACT_FORWARD.contains(op)) {
                assertSameBits(expected, actual, op + " n=" + n);
            } else if (comparesWithFastMath(backend)) {
                float[] fast = new float[n + 6];
                FASTMATH.elementwise().unary(op, n, x, 3, fast, 5);
                assertSameBits(fast, actual, op + " n=" + n + " vs FastMath");
            }
            float[] inPlace = x.clone();
            k.elementwise().unary(op, n, inPlace, 3, inPlace, 3);
            assertSameBits(Arrays.copyOfRange(actual, 5, n + 5), Arrays.copyOfRange(inPlace, 3, n + 3), op + " in place");
        }
    }

    /** As {@link #unary}: gradOut at offset 4, gradIn at 2; in place (gradIn is gradOut) too. */
    @ParameterizedTest
    @MethodSource("unaryOps")
    void unaryBackward(TestBackend backend, UnaryOp op) {
        Kernels k = backend.kernels();
        for (int n : backend.pick(SIZES, QUICK_SIZES)) {
            float[] x = shifted(inputs(op, n, n), 1, 0);
            float[] g = shifted(uniform(n + 7, n, -2, 2), 4, 1);
            float[] expected = new float[n + 2];
            float[] actual = new float[n + 2];
            SCALAR.elementwise().unaryBackward(op, n, x, 1, g, 4, expected, 2);
            k.elementwise().unaryBackward(op, n, x, 1, g, 4, actual, 2);
            String what = op + "' n=" + n + ", element";
            for (int i = 0; i < n; i++) {
                float s = expected[2 + i];
                assertClose(s, actual[2 + i], backwardTol(op, x[1 + i], g[4 + i], s), what, i);
            }
            if (EXACT_BACKWARD.contains(op)) {
                assertSameBits(expected, actual, op + "' n=" + n);
            } else if (comparesWithFastMath(backend)) {
                float[] fast = new float[n + 2];
                FASTMATH.elementwise().unaryBackward(op, n, x, 1, g, 4, fast, 2);
                assertSameBits(fast, actual, op + "' n=" + n + " vs FastMath");
            }
            float[] inPlace = g.clone();
            k.elementwise().unaryBackward(op, n, x, 1, inPlace, 4, inPlace, 4);
            assertSameBits(Arrays.copyOfRange(actual, 2, n + 2), Arrays.copyOfRange(inPlace, 4, n + 4), op + "' in place");
        }
    }

    /**
     * Special values forward and backward (gradOut = 1), three times over so that they land in
     * a vector body and in a tail: within the tolerances of the scalar reference, its bits for the
     * exact ops, and FastMath's bits for the others where the backend promises them.
     */
    @ParameterizedTest
    @MethodSource("unaryOps")
    void specialValues(TestBackend backend, UnaryOp op) {
        Kernels k = backend.kernels();
        float[] x = new float[SPECIAL.length * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = SPECIAL[i % SPECIAL.length];
        }
        float[] ones = new float[x.length];
        Arrays.fill(ones, 1f);
        float[] s = new float[x.length];
        float[] v = new float[x.length];
        SCALAR.elementwise().unary(op, x.length, x, 0, s, 0);
        k.elementwise().unary(op, x.length, x, 0, v, 0);
        for (int i = 0; i < x.length; i++) {
            assertClose(s[i], v[i], forwardTol(op, x[i], s[i]), op + "(" + x[i] + ")");
        }
        float[] gs = new float[x.length];
        float[] gv = new float[x.length];
        SCALAR.elementwise().unaryBackward(op, x.length, x, 0, ones, 0, gs, 0);
        k.elementwise().unaryBackward(op, x.length, x, 0, ones, 0, gv, 0);
        for (int i = 0; i < x.length; i++) {
            assertClose(gs[i], gv[i], backwardTol(op, x[i], 1f, gs[i]), op + "'(" + x[i] + ")");
        }
        float[] fast = new float[x.length];
        if (EXACT_FORWARD.contains(op)) {
            assertSameBits(s, v, op + " special values " + Arrays.toString(SPECIAL));
        } else if (comparesWithFastMath(backend)) {
            FASTMATH.elementwise().unary(op, x.length, x, 0, fast, 0);
            assertSameBits(fast, v, op + " special values vs FastMath " + Arrays.toString(SPECIAL));
        }
        if (EXACT_BACKWARD.contains(op)) {
            assertSameBits(gs, gv, op + "' special values " + Arrays.toString(SPECIAL));
        } else if (comparesWithFastMath(backend)) {
            FASTMATH.elementwise().unaryBackward(op, x.length, x, 0, ones, 0, fast, 0);
            assertSameBits(fast, gv, op + "' special values vs FastMath " + Arrays.toString(SPECIAL));
        }
    }

    /** op in double: the function whose derivative the kernels must produce. */
    private static double f(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQUARE -> x * x;
            case RECIPROCAL -> 1 / x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case RELU -> Math.max(x, 0);
            case SILU -> x / (1 + Math.exp(-x));
            case GELU -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
        };
    }

    /**
     * Forward against the double function, backward against its central difference
     * (h = 1e-4 (1 + |x|): truncation ~h^2 |f'''| / 6 and rounding ~1e-16 / h, both < 1e-7
     * relative here). The float kernels lose a few ulp per operation on intermediates of
     * magnitude <= (1 + |x|)^3 |f'| for |x| <= 4, so 2e-6 (1 + |x|)^3 (|f'| + 1) |g| bounds them.
     */
    @ParameterizedTest
    @MethodSource("unaryOpsWithReference")
    void derivativesMatchFiniteDifferences(TestBackend backend, UnaryOp op) {
        Kernels k = backend.kernels();
        int n = 37;
        float[] x = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.RECIPROCAL
                ? uniform(11, n, 0.2, 4) : awayFromZero(11, n, -4, 4, 0.05);
        float[] g = uniform(12, n, -2, 2);
        float[] y = new float[n];
        float[] gi = new float[n];
        k.elementwise().unary(op, n, x, 0, y, 0);
        k.elementwise().unaryBackward(op, n, x, 0, g, 0, gi, 0);
        for (int i = 0; i < n; i++) {
            double xd = x[i];
            double fx = f(op, xd);
            assertClose(fx, y[i], 4 * Math.ulp((float) Math.abs(fx)) + 1e-6 * (1 + Math.abs(xd)), op + "(" + xd + ")");
            double h = 1e-4 * (1 + Math.abs(xd));
            double fd = (f(op, xd + h) - f(op, xd - h)) / (2 * h);
            double a = 1 + Math.abs(xd);
            double tol = 2e-6 * a * a * a * (Math.abs(fd) + 1) * Math.abs(g[i]);
            assertClose(g[i] * fd, gi[i], tol, op + "'(" + xd + ")");
        }
    }

    /** IEEE results outside the domains and at the extremes, in the vector body and the tail. */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void ieeeResultsOutsideTheDomainsAndAtTheExtremes(TestBackend backend) {
        Kernels k = backend.kernels();
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        float[] in = {-1f, 0f, -0f, -inf, inf, 100f, -100f, nan, -1f, 0f, -0f, -inf, inf, 100f, -100f, nan, -1f, 0f, -0f};
        float[] out = new float[in.length];
        for (int at : new int[] {0, 16}) {
            k.elementwise().unary(UnaryOp.LOG, in.length, in, 0, out, 0);
            assertTrue(Float.isNaN(out[at]), "log(-1)");
            assertEquals(Float.NEGATIVE_INFINITY, out[at + 1], "log(0)");
            k.elementwise().unary(UnaryOp.SQRT, in.length, in, 0, out, 0);
            assertTrue(Float.isNaN(out[at]), "sqrt(-1)");
            k.elementwise().unary(UnaryOp.RECIPROCAL, in.length, in, 0, out, 0);
            assertEquals(inf, out[at + 1], "1/0");
            assertEquals(-inf, out[at + 2], "1/-0");
        }
        k.elementwise().unary(UnaryOp.EXP, in.length, in, 0, out, 0);
        assertEquals(0f, out[3]);
        assertEquals(inf, out[4]);
        assertEquals(inf, out[5]);
        assertTrue(out[6] >= 0f && out[6] < 1e-40f, "exp(-100) is a tiny subnormal");
        k.elementwise().unary(UnaryOp.SIGMOID, in.length, in, 0, out, 0);
        assertEquals(1f, out[5]);
        assertTrue(out[6] >= 0f && out[6] < 1e-40f, "sigmoid(-100) is a tiny subnormal");
        k.elementwise().unary(UnaryOp.TANH, in.length, in, 0, out, 0);
        assertEquals(-1f, out[3]);
        assertEquals(1f, out[4]);
        assertTrue(Float.isNaN(out[7]));
        k.elementwise().unary(UnaryOp.RELU, in.length, in, 0, out, 0);
        assertEquals(0f, out[0]);
        assertEquals(100f, out[5]);
        assertTrue(Float.isNaN(out[7]), "relu(NaN) is NaN");
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void knownValues(TestBackend backend) {
        Kernels k = backend.kernels();
        float[] x = {-2f, -0.5f, 0.5f, 3f};
        float[] out = new float[4];
        k.elementwise().unary(UnaryOp.RELU, 4, x, 0, out, 0);
        assertArrayEquals(new float[] {0f, 0f, 0.5f, 3f}, out);
        k.elementwise().unary(UnaryOp.SQUARE, 4, x, 0, out, 0);
        assertArrayEquals(new float[] {4f, 0.25f, 0.25f, 9f}, out);
        k.elementwise().unary(UnaryOp.ABS, 4, x, 0, out, 0);
        assertArrayEquals(new float[] {2f, 0.5f, 0.5f, 3f}, out);
        // PyTorch gelu(x, approximate="tanh") at 3 is 2.9963627 (double formula: 2.99636...).
        k.elementwise().unary(UnaryOp.GELU, 4, x, 0, out, 0);
        assertEquals(2.9963627f, out[3], 2e-6f);
        k.elementwise().unary(UnaryOp.SIGMOID, 4, x, 0, out, 0);
        assertEquals(0.62245935f, out[2], 1e-7f);
    }

    /** The reference's bits at every length (x at 2, y at 0, out at 1), in place, and on special values. */
    @ParameterizedTest
    @MethodSource("binaryOps")
    void binary(TestBackend backend, BinaryOp op) {
        Kernels k = backend.kernels();
        for (int n : SIZES) {
            float[] x = shifted(uniform(n, n, -5, 5), 2, 0);
            float[] y = shifted(awayFromZero(n + 1, n, -5, 5, 1e-3), 0, 3);
            float[] expected = new float[n + 1];
            float[] actual = new float[n + 1];
            SCALAR.elementwise().binary(op, n, x, 2, y, 0, expected, 1);
            k.elementwise().binary(op, n, x, 2, y, 0, actual, 1);
            assertSameBits(expected, actual, op + " n=" + n);
            float[] inPlace = x.clone();
            k.elementwise().binary(op, n, inPlace, 2, y, 0, inPlace, 2);
            assertSameBits(Arrays.copyOfRange(expected, 1, n + 1), Arrays.copyOfRange(inPlace, 2, n + 2), op + " in place");
        }
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        float[] a = {nan, 1f, -0f, 0f, inf, -1f, 2f, 3f, nan, 1f, -0f, 0f, inf, -1f, 2f, 3f, nan, -0f, 0f, -0f, 1f, inf};
        float[] b = {1f, nan, 0f, -0f, 1f, -inf, 0f, -0f, 1f, nan, 0f, -0f, 1f, -inf, 0f, -0f, 2f, 0f, -0f, -0f, nan, -inf};
        float[] expected = new float[a.length];
        float[] actual = new float[a.length];
        SCALAR.elementwise().binary(op, a.length, a, 0, b, 0, expected, 0);
        k.elementwise().binary(op, a.length, a, 0, b, 0, actual, 0);
        assertSameBits(expected, actual, op + " special values");
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void maxMinFollowMathSemantics(TestBackend backend) {
        Kernels k = backend.kernels();
        float[] a = {Float.NaN, -0f, 0f, 1f};
        float[] b = {1f, 0f, -0f, Float.NaN};
        float[] out = new float[4];
        k.elementwise().binary(BinaryOp.MAX, 4, a, 0, b, 0, out, 0);
        assertTrue(Float.isNaN(out[0]) && Float.isNaN(out[3]));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(out[1]));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(out[2]));
        k.elementwise().binary(BinaryOp.MIN, 4, a, 0, b, 0, out, 0);
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(out[1]));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(out[2]));
    }

    /** binaryRows / binaryCols: the reference's bits, empty shapes included; binaryRows in place. */
    @ParameterizedTest
    @MethodSource("binaryOps")
    void broadcasts(TestBackend backend, BinaryOp op) {
        Kernels k = backend.kernels();
        int[][] shapes = {{1, 1}, {1, 17}, {3, 17}, {17, 3}, {5, 16}, {7, 33}, {33, 65}, {128, 100}, {2, 0}, {0, 3},
            {40, 1000}, {3000, 33}, {9, 9000}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            float[] x = shifted(uniform(rows * 31L + cols, rows * cols, -5, 5), 1, 0);
            float[] vr = shifted(awayFromZero(cols, cols, -3, 3, 1e-2), 2, 0);
            float[] vc = shifted(awayFromZero(rows, rows, -3, 3, 1e-2), 2, 0);
            float[] expected = new float[rows * cols];
            float[] actual = new float[rows * cols];
            SCALAR.elementwise().binaryRows(op, rows, cols, x, 1, vr, 2, expected, 0);
            k.elementwise().binaryRows(op, rows, cols, x, 1, vr, 2, actual, 0);
            assertSameBits(expected, actual, "binaryRows " + op + " " + rows + "x" + cols);
            float[] inPlace = x.clone();
            k.elementwise().binaryRows(op, rows, cols, inPlace, 1, vr, 2, inPlace, 1);
            assertSameBits(expected, Arrays.copyOfRange(inPlace, 1, 1 + rows * cols), "binaryRows in place " + op);
            SCALAR.elementwise().binaryCols(op, rows, cols, x, 1, vc, 2, expected, 0);
            k.elementwise().binaryCols(op, rows, cols, x, 1, vc, 2, actual, 0);
            assertSameBits(expected, actual, "binaryCols " + op + " " + rows + "x" + cols);
        }
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void broadcastKnownValues(TestBackend backend) {
        Kernels k = backend.kernels();
        float[] x = {1, 2, 3, 4, 5, 6};
        float[] out = new float[6];
        k.elementwise().binaryRows(BinaryOp.ADD, 2, 3, x, 0, new float[] {10, 20, 30}, 0, out, 0);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, out);
        k.elementwise().binaryCols(BinaryOp.SUB, 2, 3, x, 0, new float[] {1, 2}, 0, out, 0);
        assertArrayEquals(new float[] {0, 1, 2, 2, 3, 4}, out);
        k.elementwise().binaryCols(BinaryOp.DIV, 2, 3, x, 0, new float[] {2, 4}, 0, out, 0);
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 1f, 1.25f, 1.5f}, out);
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void axpyScaleClampFillMatchScalarExactly(TestBackend backend) {
        Kernels k = backend.kernels();
        for (int n : SIZES) {
            float[] x = shifted(uniform(n, n, -5, 5), 1, 2);
            float[] y0 = shifted(uniform(n + 3, n, -5, 5), 2, 1);
            float[] ys = y0.clone();
            float[] yv = y0.clone();
            SCALAR.elementwise().axpy(n, 0.37f, x, 1, ys, 2);
            k.elementwise().axpy(n, 0.37f, x, 1, yv, 2);
            assertSameBits(ys, yv, "axpy n=" + n);
            float[] s = new float[n + 1];
            float[] v = new float[n + 1];
            SCALAR.elementwise().scale(n, -1.7f, x, 1, s, 1);
            k.elementwise().scale(n, -1.7f, x, 1, v, 1);
            assertSameBits(s, v, "scale n=" + n);
            SCALAR.elementwise().clamp(n, -1f, 2.5f, x, 1, s, 0);
            k.elementwise().clamp(n, -1f, 2.5f, x, 1, v, 0);
            assertSameBits(s, v, "clamp n=" + n);
            for (int i = 0; i < n; i++) {
                assertTrue(v[i] >= -1f && v[i] <= 2.5f);
            }
            float[] f = new float[n + 2];
            k.elementwise().fill(n, 4.5f, f, 1);
            assertEquals(0f, f[0]);
            assertEquals(0f, f[n + 1]);
            for (int i = 1; i <= n; i++) {
                assertEquals(4.5f, f[i]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void axpyAndClampKnownValues(TestBackend backend) {
        Kernels k = backend.kernels();
        float[] y = {1, 2, 3};
        k.elementwise().axpy(3, 2f, new float[] {1, 1, 2}, 0, y, 0);
        assertArrayEquals(new float[] {3, 4, 7}, y);
        float[] out = new float[3];
        k.elementwise().clamp(3, 0f, 1f, new float[] {-1f, Float.NaN, 5f}, 0, out, 0);
        assertEquals(0f, out[0]);
        assertTrue(Float.isNaN(out[1]), "clamp keeps NaN");
        assertEquals(1f, out[2]);
    }

    /** Blocks with row strides, copied bit for bit (a NaN included); nothing around them is written. */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void copyRowsCopiesBlocksBitForBit(TestBackend backend) {
        Kernels k = backend.kernels();
        for (int[] c : new int[][] {{1, 1, 1, 1}, {3, 17, 20, 33}, {64, 65, 65, 70}, {257, 3, 8, 3}, {5, 1000, 1001, 1000},
            {0, 5, 5, 5}, {4, 0, 1, 1}}) {
            int rows = c[0], cols = c[1], lds = c[2], ldd = c[3];
            float[] src = uniform(rows, 3 + rows * lds, -3, 3);
            src[2] = Float.NaN;
            float[] expected = uniform(cols, 1 + rows * ldd, -1, 1), got = expected.clone();
            SCALAR.copyRows(rows, cols, src, 2, lds, expected, 1, ldd);
            k.copyRows(rows, cols, src, 2, lds, got, 1, ldd);
            assertSameBits(expected, got, "copyRows " + Arrays.toString(c));
        }
    }

    /** The scalar reference too (in place on every backend is also part of unary, unaryBackward, binary, broadcasts). */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void inPlaceGivesTheSameResult(TestBackend backend) {
        Kernels k = backend.kernels();
        int n = 1031;
        float[] x = uniform(5, n, -3, 3);
        float[] y = awayFromZero(6, n, -3, 3, 0.1);
        float[] expected = new float[n];
        k.elementwise().unary(UnaryOp.GELU, n, x, 0, expected, 0);
        float[] inPlace = x.clone();
        k.elementwise().unary(UnaryOp.GELU, n, inPlace, 0, inPlace, 0);
        assertSameBits(expected, inPlace, "unary in place");
        k.elementwise().unaryBackward(UnaryOp.TANH, n, x, 0, y, 0, expected, 0);
        inPlace = y.clone();
        k.elementwise().unaryBackward(UnaryOp.TANH, n, x, 0, inPlace, 0, inPlace, 0);
        assertSameBits(expected, inPlace, "backward in place");
        k.elementwise().binary(BinaryOp.DIV, n, x, 0, y, 0, expected, 0);
        inPlace = y.clone();
        k.elementwise().binary(BinaryOp.DIV, n, x, 0, inPlace, 0, inPlace, 0);
        assertSameBits(expected, inPlace, "binary in place");
        k.elementwise().binaryRows(BinaryOp.MUL, 1, n, x, 0, y, 0, expected, 0);
        inPlace = x.clone();
        k.elementwise().binaryRows(BinaryOp.MUL, 1, n, inPlace, 0, y, 0, inPlace, 0);
        assertSameBits(expected, inPlace, "binaryRows in place");
    }

    @Test
    void bitIdenticalForEveryThreadCount() {
        int n = 3 * Split.CHUNK + 123;
        float[] x = uniform(21, n, -6, 6);
        float[] y = awayFromZero(22, n, -6, 6, 1e-3);
        Kernels[] ks = {VECTOR1, VECTOR2, VECTOR3};
        for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.GELU, UnaryOp.SIGMOID, UnaryOp.TANH}) {
            float[][] fwd = new float[3][n];
            float[][] bwd = new float[3][n];
            for (int t = 0; t < 3; t++) {
                ks[t].elementwise().unary(op, n, x, 0, fwd[t], 0);
                ks[t].elementwise().unaryBackward(op, n, x, 0, y, 0, bwd[t], 0);
            }
            assertSameBits(fwd[0], fwd[1], op + " 1 vs 2 threads");
            assertSameBits(fwd[0], fwd[2], op + " 1 vs 3 threads");
            assertSameBits(bwd[0], bwd[1], op + "' 1 vs 2 threads");
            assertSameBits(bwd[0], bwd[2], op + "' 1 vs 3 threads");
        }
        float[][] out = new float[3][n];
        for (int t = 0; t < 3; t++) {
            ks[t].elementwise().binaryCols(BinaryOp.MAX, 1000, n / 1000, x, 0, y, 0, out[t], 0);
        }
        assertSameBits(out[0], out[1], "binaryCols 1 vs 2 threads");
        assertSameBits(out[0], out[2], "binaryCols 1 vs 3 threads");
    }

    /** Calls every backend must reject with the reference's message (run by {@link BadArgumentsTest}). */
    static List<BadCall> badCalls() {
        float[] a8 = new float[8];
        float[] a4 = new float[4];
        List<BadCall> c = new ArrayList<>();
        c.add(new BadCall("unary null op", "op", k -> k.elementwise().unary(null, 4, a8, 0, a8, 0)));
        c.add(new BadCall("unary negative n", "n", k -> k.elementwise().unary(UnaryOp.EXP, -1, a8, 0, a8, 0)));
        c.add(new BadCall("unary null x", "x", k -> k.elementwise().unary(UnaryOp.EXP, 4, null, 0, a8, 0)));
        c.add(new BadCall("unary short x", "x", k -> k.elementwise().unary(UnaryOp.EXP, 4, a4, 1, a8, 0)));
        c.add(new BadCall("unary negative offset", "x offset", k -> k.elementwise().unary(UnaryOp.EXP, 4, a8, -1, a8, 0)));
        c.add(new BadCall("unary short out", "out", k -> k.elementwise().unary(UnaryOp.EXP, 5, a8, 0, a4, 0)));
        c.add(new BadCall("backward short gradOut", "gradOut", k -> k.elementwise().unaryBackward(UnaryOp.TANH, 5, a8, 0, a4, 0, a8, 0)));
        c.add(new BadCall("backward short gradIn", "gradIn", k -> k.elementwise().unaryBackward(UnaryOp.TANH, 5, a8, 0, a8, 0, a4, 0)));
        c.add(new BadCall("backward null op", "op", k -> k.elementwise().unaryBackward(null, 5, a8, 0, a8, 0, a8, 0)));
        c.add(new BadCall("binary short y", "y", k -> k.elementwise().binary(BinaryOp.ADD, 5, a8, 0, a4, 0, a8, 0)));
        c.add(new BadCall("binary null op", "op", k -> k.elementwise().binary(null, 5, a8, 0, a8, 0, a8, 0)));
        c.add(new BadCall("binaryRows short v", "v", k -> k.elementwise().binaryRows(BinaryOp.MUL, 1, 5, a8, 0, a4, 0, a8, 0)));
        c.add(new BadCall("binaryRows negative rows", "rows", k -> k.elementwise().binaryRows(BinaryOp.MUL, -2, 2, a8, 0, a8, 0, a8, 0)));
        c.add(new BadCall("binaryRows short x", "x", k -> k.elementwise().binaryRows(BinaryOp.MUL, 3, 3, a8, 0, a8, 0, a8, 0)));
        c.add(new BadCall("binaryCols short v", "v", k -> k.elementwise().binaryCols(BinaryOp.SUB, 5, 1, a8, 0, a4, 0, a8, 0)));
        c.add(new BadCall("binaryCols negative cols", "cols", k -> k.elementwise().binaryCols(BinaryOp.SUB, 1, -1, a8, 0, a8, 0, a8, 0)));
        c.add(new BadCall("axpy short y", "y", k -> k.elementwise().axpy(5, 1f, a8, 0, a4, 0)));
        c.add(new BadCall("scale null out", "out", k -> k.elementwise().scale(2, 1f, a8, 0, null, 0)));
        c.add(new BadCall("clamp lo > hi", "lo", k -> k.elementwise().clamp(2, 1f, 0f, a8, 0, a8, 0)));
        c.add(new BadCall("clamp NaN hi", "hi", k -> k.elementwise().clamp(2, 0f, Float.NaN, a8, 0, a8, 0)));
        c.add(new BadCall("fill short out", "out", k -> k.elementwise().fill(3, 1f, a4, 2)));
        return c;
    }
}
