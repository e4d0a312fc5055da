package lid.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.function.Executable;

/** Shared data, backends and assertions of the kernel tests. */
public final class TestSupport {
    private TestSupport() {}

    /** Unit roundoff of float: 2^-24. */
    static final double U = 0x1p-24;

    static final Kernels SCALAR = ScalarKernels.INSTANCE;
    static final Kernels VECTOR1 = new VectorKernels(1);
    static final Kernels VECTOR2 = new VectorKernels(2);
    static final Kernels VECTOR3 = new VectorKernels(3);

    /**
     * Lengths for differential tests: tiny, primes, around one and two 16-lane vectors and the
     * 64-element unrolled block, around a 256-item OpenCL work group, a few thousand, and more
     * than two 32768-element parts (the parallel path of the Vector backend).
     */
    static final int[] SIZES = {1, 2, 3, 5, 7, 13, 15, 16, 17, 31, 32, 33, 63, 64, 65, 97, 255, 256, 257, 1000, 1031, 4099,
        70_001};

    /** {@link #SIZES} for a {@link TestBackend#quick} backend: each size class once. */
    static final int[] QUICK_SIZES = {1, 2, 3, 15, 16, 17, 31, 33, 255, 256, 257, 1031, 70_001};

    /** n uniform floats in [lo, hi), deterministic in seed. */
    public static float[] uniform(long seed, int n, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return a;
    }

    /** Like {@link #uniform} but every |value| >= minAbs (keeps away from kinks at 0). */
    static float[] awayFromZero(long seed, int n, double lo, double hi, double minAbs) {
        float[] a = uniform(seed, n, lo, hi);
        for (int i = 0; i < n; i++) {
            if (Math.abs(a[i]) < minAbs) {
                a[i] = (float) (a[i] < 0 ? -minAbs : minAbs);
            }
        }
        return a;
    }

    /** The same values at a different place in a longer array (tests the offsets). */
    public static float[] shifted(float[] a, int off, int extra) {
        float[] b = new float[off + a.length + extra];
        System.arraycopy(a, 0, b, off, a.length);
        return b;
    }

    static boolean sameBits(float a, float b) {
        return Float.floatToIntBits(a) == Float.floatToIntBits(b);
    }

    public static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (!sameBits(expected[i], actual[i])) {
                fail(what + ": element " + i + " differs: expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    /** |expected - actual| <= tol (NaN matches NaN, infinities must be equal). */
    public static void assertClose(double expected, double actual, double tol, String what) {
        if (Double.isNaN(expected) || Double.isNaN(actual) || Double.isInfinite(expected) || Double.isInfinite(actual)) {
            if (!(Double.isNaN(expected) && Double.isNaN(actual)) && expected != actual) {
                fail(what + ": expected " + expected + ", got " + actual);
            }
            return;
        }
        if (!(Math.abs(expected - actual) <= tol)) {
            fail(what + ": expected " + expected + ", got " + actual + " (|diff| " + Math.abs(expected - actual)
                    + " > tolerance " + tol + ")");
        }
    }

    /**
     * {@link #assertClose(double, double, double, String)} on element index of a loop: the
     * message is built only on failure (per-element messages would cost more than the checks).
     */
    static void assertClose(double expected, double actual, double tol, String what, int index) {
        if (!(Math.abs(expected - actual) <= tol)) {
            assertClose(expected, actual, tol, what + " at " + index);
        }
    }

    /** Runs body, expects IllegalArgumentException whose message names the argument. */
    static void assertRejects(String argument, Executable body) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, body);
        assertTrue(e.getMessage() != null && e.getMessage().contains(argument),
                "message should name '" + argument + "': " + e.getMessage());
    }

    static double sumAbs(float[] a, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs((double) a[off + i]);
        }
        return s;
    }
}
