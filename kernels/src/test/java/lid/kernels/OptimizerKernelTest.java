package lid.kernels;

import static lid.kernels.TestSupport.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Adam update is a fixed sequence of IEEE operations per element: every backend gives the
 * scalar reference's bits, at every size (offsets included).
 */
@ExtendWith(BackendInFailures.class)
class OptimizerKernelTest {
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void adamMatchesScalarExactly(TestBackend backend) {
        Kernels k = backend.kernels();
        Random rnd = new Random(3);
        for (int n : new int[] {1, 15, 16, 17, 33, 255, 257, 1000, 40_000}) {
            float[] p = new float[n + 3], g = new float[n + 2], m = new float[n + 1], v = new float[n + 4];
            for (int i = 0; i < n; i++) {
                p[i + 3] = (float) rnd.nextGaussian();
                g[i + 2] = (float) rnd.nextGaussian();
                m[i + 1] = (float) rnd.nextGaussian() * 0.1f;
                v[i + 4] = (float) Math.abs(rnd.nextGaussian()) * 0.01f;
            }
            float[][] ref = {p.clone(), m.clone(), v.clone()};
            float[][] got = {p.clone(), m.clone(), v.clone()};
            ScalarOptimizer.INSTANCE.adamUpdate(n, ref[0], 3, g, 2, ref[1], 1, ref[2], 4, 0.9f, 0.999f, 1e-8f, 0.01f, 1.3f, 0.999f, 0.01f);
            k.optimizer().adamUpdate(n, got[0], 3, g, 2, got[1], 1, got[2], 4, 0.9f, 0.999f, 1e-8f, 0.01f, 1.3f, 0.999f, 0.01f);
            assertSameBits(ref[0], got[0], "p n=" + n);
            assertSameBits(ref[1], got[1], "m n=" + n);
            assertSameBits(ref[2], got[2], "v n=" + n);
        }
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void firstStepMovesByTheLearningRate(TestBackend backend) {
        Kernels k = backend.kernels();
        float[] p = {1f}, g = {0.5f}, m = {0f}, v = {0f};
        // t = 1, lr = 0.1: stepSize = lr / (1 - 0.9) = 1, invSqrtBc2 = 1 / sqrt(1 - 0.999); update = lr * g/|g| = 0.1
        k.optimizer().adamUpdate(1, p, 0, g, 0, m, 0, v, 0, 0.9f, 0.999f, 1e-8f, 0.1f / 0.1f,
                (float) (1 / Math.sqrt(0.001)), 1f, 0f);
        assertEquals(0.9f, p[0], 1e-6f);
        var e = assertThrows(IllegalArgumentException.class,
                () -> k.optimizer().adamUpdate(2, p, 0, g, 0, m, 0, v, 0, 0.9f, 0.999f, 1e-8f, 1f, 1f, 1f, 0f));
        assertEquals(true, e.getMessage().startsWith("p is too short"), e.getMessage());
    }
}
