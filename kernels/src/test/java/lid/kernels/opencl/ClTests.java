package lid.kernels.opencl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import lid.kernels.Kernels;
import lid.kernels.ScalarKernels;
import lid.kernels.TestSupport;
import lid.kernels.VectorKernels;

/**
 * Shared device, data and assertions of the OpenCL tests. Every test calls {@link #device()},
 * which skips the test with the reason when this machine has no OpenCL platform.
 */
final class ClTests {
    private ClTests() {}

    /** Unit roundoff of float: 2^-24. */
    static final double U = 0x1p-24;

    static final Kernels SCALAR = ScalarKernels.INSTANCE;
    /** The Vector API backend on one thread: its elementwise results are FastMath's bits. */
    static final Kernels VECTOR = new VectorKernels(1);

    /** Lengths for differential tests: tiny, primes, around 16 / 32 / work-group sizes, and large. */
    static final int[] SIZES = {1, 2, 3, 5, 7, 13, 15, 16, 17, 31, 32, 33, 63, 64, 65, 97, 255, 256, 257, 1000, 1031, 4099, 70_001};

    private static OpenClKernels shared;

    /** The first OpenCL device, opened once for all tests; skips the test when there is none. */
    static synchronized OpenClKernels device() {
        assumeTrue(OpenCl.available(), () -> "no OpenCL platform: " + OpenCl.unavailableReason());
        if (shared == null) {
            shared = OpenCl.open(0);
        }
        return shared;
    }

    static float[] uniform(long seed, int n, double lo, double hi) {
        return TestSupport.uniform(seed, n, lo, hi);
    }

    static float[] gaussian(long seed, int n) {
        java.util.Random r = new java.util.Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    /** The same values at offset off of a longer array, with extra trailing elements. */
    static float[] shifted(float[] a, int off, int extra) {
        return TestSupport.shifted(a, off, extra);
    }

    static void assertSameBits(float[] expected, float[] actual, String what) {
        TestSupport.assertSameBits(expected, actual, what);
    }

    /** |expected - actual| <= tol (NaN matches NaN, infinities must be equal). */
    static void assertClose(double expected, double actual, double tol, String what) {
        TestSupport.assertClose(expected, actual, tol, what);
    }
}
