package lid.kernels;

import static lid.kernels.TestSupport.VECTOR1;
import static lid.kernels.TestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The polynomial exp / tanh / log behind the Vector API kernels: accuracy against
 * {@link Math} over a sweep of all float bit patterns, IEEE special values, and the property
 * that makes the Vector backend reproducible: every vector lane equals the scalar twin bit
 * for bit, whether the loop is interpreted, C1- or C2-compiled (the test repeats the calls so
 * the loops pass through the JIT tiers while it checks).
 */
class FastMathTest {

    /** Distance in units in the last place between two floats of the same sign (0 for NaN, NaN). */
    private static long ulps(float expected, float actual) {
        if (Float.isNaN(expected) && Float.isNaN(actual) || expected == actual) {
            return 0;
        }
        if (Float.isNaN(expected) || Float.isNaN(actual) || Float.isInfinite(expected) || Float.isInfinite(actual)) {
            return Long.MAX_VALUE;
        }
        long a = Float.floatToIntBits(expected);
        long b = Float.floatToIntBits(actual);
        if ((a < 0) != (b < 0)) {
            return (a & 0x7FFF_FFFFL) + (b & 0x7FFF_FFFFL);
        }
        return Math.abs(a - b);
    }

    /**
     * Every 4099th bit pattern (about a million floats of every magnitude): at most 2 ulp from
     * the float rounding of Math.exp / tanh / log (1 ulp was the worst seen on 44 million
     * points); exp results in the subnormal range within 2^-149.
     */
    @Test
    void withinTwoUlpOfMath() {
        long worstExp = 0;
        long worstTanh = 0;
        long worstLog = 0;
        for (long bits = 0; bits <= 0xFFFF_FFFFL; bits += 4099) {
            float x = Float.intBitsToFloat((int) bits);
            if (Float.isNaN(x)) {
                continue;
            }
            float e = (float) Math.exp(x);
            float fe = FastMath.exp(x);
            if (e < Float.MIN_NORMAL) {
                if (!(Math.abs(e - fe) <= 0x1p-149f)) {
                    fail("exp(" + x + ") = " + fe + ", expected " + e);
                }
            } else {
                worstExp = Math.max(worstExp, ulps(e, fe));
            }
            worstTanh = Math.max(worstTanh, ulps((float) Math.tanh(x), FastMath.tanh(x)));
            worstLog = Math.max(worstLog, ulps((float) Math.log(x), FastMath.log(x)));
        }
        assertTrue(worstExp <= 2, "exp worst " + worstExp + " ulp");
        assertTrue(worstTanh <= 2, "tanh worst " + worstTanh + " ulp");
        assertTrue(worstLog <= 2, "log worst " + worstLog + " ulp");
    }

    @Test
    void specialValues() {
        float inf = Float.POSITIVE_INFINITY;
        assertEquals(1f, FastMath.exp(0f));
        assertEquals(inf, FastMath.exp(inf));
        assertEquals(0f, FastMath.exp(-inf));
        assertEquals(inf, FastMath.exp(88.73f));
        assertEquals((float) Math.exp(88.72f), FastMath.exp(88.72f));
        assertEquals(Float.MIN_VALUE, FastMath.exp(-103.9f));
        assertTrue(Float.isNaN(FastMath.exp(Float.NaN)));
        assertEquals(1f, FastMath.tanh(inf));
        assertEquals(-1f, FastMath.tanh(-inf));
        assertEquals(0f, FastMath.tanh(0f));
        assertTrue(Float.isNaN(FastMath.tanh(Float.NaN)));
        assertEquals(0f, FastMath.log(1f));
        assertEquals(-inf, FastMath.log(0f));
        assertEquals(-inf, FastMath.log(-0f));
        assertEquals(inf, FastMath.log(inf));
        assertTrue(Float.isNaN(FastMath.log(-1f)));
        assertTrue(Float.isNaN(FastMath.log(-inf)));
        assertTrue(Float.isNaN(FastMath.log(Float.NaN)));
        assertEquals((float) Math.log(Float.MIN_VALUE), FastMath.log(Float.MIN_VALUE));
    }

    private static final EnumSet<UnaryOp> BUILT_ON_FAST_MATH =
            EnumSet.of(UnaryOp.EXP, UnaryOp.LOG, UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.SILU, UnaryOp.GELU);

    /** Random values of every scale plus specials, 1024 + 5 of them (vector body and tail). */
    private static float[] inputs() {
        float[] x = uniform(77, 1029, -12, 12);
        float[] special = {0f, -0f, 1e-30f, -1e-30f, Float.MIN_VALUE, 1e-40f, 80f, -80f, 88.7f, 89.5f, -103.5f, -110f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 0.625f, -0.625f, 0.62500006f, 3e38f, 1f};
        System.arraycopy(special, 0, x, 0, special.length);
        System.arraycopy(special, 0, x, 500, special.length);
        System.arraycopy(special, 0, x, x.length - 5, 5);
        for (int i = 100; i < 300; i++) {
            x[i] = x[i] * 1e-3f;
        }
        return x;
    }

    @Test
    void vectorLanesEqualTheScalarTwinsInEveryJitState() {
        float[] x = inputs();
        float[] g = uniform(78, x.length, -2, 2);
        float[] out = new float[x.length];
        for (int rep = 0; rep < 60; rep++) {
            for (UnaryOp op : BUILT_ON_FAST_MATH) {
                VECTOR1.elementwise().unary(op, x.length, x, 0, out, 0);
                for (int i = 0; i < x.length; i++) {
                    float twin = FastMath.unary(op, x[i]);
                    if (Float.floatToIntBits(twin) != Float.floatToIntBits(out[i])) {
                        fail("rep " + rep + ": vector " + op + "(" + x[i] + ") = " + out[i] + ", twin " + twin);
                    }
                }
                VECTOR1.elementwise().unaryBackward(op, x.length, x, 0, g, 0, out, 0);
                for (int i = 0; i < x.length; i++) {
                    float twin = g[i] * FastMath.derivative(op, x[i]);
                    if (Float.floatToIntBits(twin) != Float.floatToIntBits(out[i])) {
                        fail("rep " + rep + ": vector " + op + "'(" + x[i] + ") = " + out[i] + ", twin " + twin);
                    }
                }
            }
        }
    }

    /** The same softmax call gives the same bits on every repetition while its loops get compiled. */
    @Test
    void softmaxIsBitIdenticalRunToRun() {
        int rows = 64;
        int cols = 77;
        float[] x = uniform(79, rows * cols, -20, 20);
        float[] first = new float[rows * cols];
        VECTOR1.normalization().softmaxRows(rows, cols, x, 0, first, 0);
        float[] again = new float[rows * cols];
        for (int rep = 0; rep < 200; rep++) {
            VECTOR1.normalization().softmaxRows(rows, cols, x, 0, again, 0);
            TestSupport.assertSameBits(first, again, "softmax repetition " + rep);
        }
    }
}
