package lid.kernels.opencl;

import static lid.kernels.GemmAgainstDouble.check;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import lid.kernels.TestBackend;
import org.junit.jupiter.api.Test;

/**
 * The OpenCL device picks one of two GEMM kernels (tiled on GPUs, rows on CPUs); GemmTest checks
 * the chosen one on every backend. This reopens the device with the other kernel and puts it
 * through the same checks against double precision ({@link lid.kernels.GemmAgainstDouble}).
 */
class OpenClGemmTest {
    private static final int[] DIMS = {1, 2, 3, 7, 13, 15, 16, 17, 31, 33, 63, 64, 65, 97, 130};

    private final RandomGenerator rnd = new SplittableRandom(42);

    @Test
    void theOtherGemmKernelToo() {
        OpenClKernels chosen = TestBackend.openCl();
        String other = chosen.buildOptions().contains("rows") ? "tiled" : "rows";
        System.setProperty("lid.opencl.gemm.kernel", other);
        try (OpenClKernels cl = OpenCl.open(0)) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (int t = 0; t < 8; t++) {
                        check(cl, rnd, ta, tb, DIMS[rnd.nextInt(DIMS.length)], DIMS[rnd.nextInt(DIMS.length)],
                                DIMS[rnd.nextInt(DIMS.length)], 1f, 0f, t % 3);
                    }
                    check(cl, rnd, ta, tb, 129, 131, 17, -0.5f, 0.5f, 3);
                    check(cl, rnd, 3, ta, tb, 17, 33, 15, 1f, 0f, 1, false);
                    check(cl, rnd, 2, ta, tb, 31, 16, 65, 0.5f, 1f, 0, true);
                }
            }
        } finally {
            System.clearProperty("lid.opencl.gemm.kernel");
        }
    }
}
