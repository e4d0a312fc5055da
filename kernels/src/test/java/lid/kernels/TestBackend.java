package lid.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import lid.kernels.opencl.OpenCl;
import lid.kernels.opencl.OpenClKernels;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A backend under test, with the facts about it that the family tests' tolerances need. Every
 * family test runs on each of {@link #all()} and compares it with the scalar reference
 * {@link TestSupport#SCALAR}; a check against an independent truth (double precision, finite
 * differences, hand-computed values) runs on {@link #withReference()}, which adds the scalar
 * reference itself. Adding a backend here puts it through every family test.
 *
 * @param name shown in test names and failure messages, e.g. {@code [13] vector-3, EXP}
 * @param open returns the backend, made once and shared; skips the test when it is unavailable
 * @param fastMathBits exp / log / tanh / sigmoid / silu / gelu and their derivatives give
 *     FastMath's bits, i.e. those of {@link #FASTMATH}
 * @param referenceOrder GEMV, the quantized products and group norm's gradGamma / gradBeta sum
 *     each output in the scalar reference's order, so they give its bits (otherwise they are
 *     held to the error bound of a float sum in any order)
 * @param sumRoundings a bound, in units of u sum|terms|, on the rounding error of this
 *     backend's float sum (reduce, dot, norm2) of n terms: n + 1 covers any order; a backend
 *     whose summation tree is known is held to its own, tighter bound
 * @param normalTol how far randomNormal may be from the reference's value s (0: its bits)
 * @param quick the backend pays a fixed cost per call (OpenCL: a device round trip, and on a
 *     first run PoCL compiles kernel variants for new launch sizes), so where a family test has a
 *     long list of sizes it takes the shorter one ({@link #pick}), which keeps every size class
 */
public record TestBackend(String name, Supplier<Kernels> open, boolean fastMathBits, boolean referenceOrder,
                          IntToDoubleFunction sumRoundings, DoubleUnaryOperator normalTol, boolean quick) {

    /** The backend whose elementwise results are FastMath's bits by definition. */
    public static final Kernels FASTMATH = TestSupport.VECTOR1;

    /**
     * The Vector backend adds each lane of four 16-lane accumulators over at most 32768 / 64 =
     * 512 terms, then ~20 pairwise / lane / tail additions and one addition per 32768-element
     * chunk: (n / 64 + 64 + n / 32768 + 1) roundings of at most u sum|terms| each.
     */
    private static final IntToDoubleFunction VECTOR_SUM = n -> n / 64.0 + 64 + n / 32768.0 + 1;
    private static final IntToDoubleFunction ANY_ORDER_SUM = n -> n + 1;

    private static final TestBackend SCALAR = new TestBackend("scalar", () -> TestSupport.SCALAR, false, true,
            ANY_ORDER_SUM, s -> 0, false);
    private static final TestBackend VECTOR_1 = new TestBackend("vector-1", () -> TestSupport.VECTOR1, true, false,
            VECTOR_SUM, s -> 0, false);
    private static final TestBackend VECTOR_3 = new TestBackend("vector-3", () -> TestSupport.VECTOR3, true, false,
            VECTOR_SUM, s -> 0, false);
    /**
     * The OpenCL kernels evaluate FastMath's formulas operation for operation and GEMV, the
     * quantized products and the affine gradients in the reference's order; its tree reductions
     * are held to the any-order bound. Normal numbers are computed in double on fp64 devices (then
     * within 1 float ulp of the CPU's StrictMath result) and in float otherwise (16 ulp + 2^-20).
     */
    private static final TestBackend OPENCL = new TestBackend("opencl", TestBackend::openCl, true, true,
            ANY_ORDER_SUM, s -> openCl().info().fp64() ? Math.ulp((float) s) : 16 * Math.ulp((float) s) + 0x1p-20, true);

    /** Vector API on 1 and on 3 threads, and OpenCL device 0. */
    public static Stream<TestBackend> all() {
        return Stream.of(VECTOR_1, VECTOR_3, OPENCL);
    }

    /** {@link #all()} and the scalar reference, for checks against an independent truth. */
    public static Stream<TestBackend> withReference() {
        return Stream.concat(Stream.of(SCALAR), all());
    }

    /** Every backend with every op (the values of an op enum), as (backend, op) arguments. */
    public static Stream<Arguments> times(Stream<TestBackend> backends, Enum<?>[] ops) {
        return backends.flatMap(b -> Arrays.stream(ops).map(op -> Arguments.of(b, op)));
    }

    private static OpenClKernels device;

    /** OpenCL device 0, opened once for all tests; skips the calling test when there is no platform. */
    public static synchronized OpenClKernels openCl() {
        assumeTrue(OpenCl.available(), () -> "no OpenCL platform: " + OpenCl.unavailableReason());
        if (device == null) {
            device = OpenCl.open(0);
        }
        return device;
    }

    /** The full list, or the shorter one on a {@link #quick} backend. */
    public <T> T pick(T full, T quickList) {
        return quick ? quickList : full;
    }

    /** The backend; skips the test when it is unavailable here. */
    public Kernels kernels() {
        return open.get();
    }

    @Override
    public String toString() {
        return name;
    }
}
