package lid.models.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lid.engine.Tensor;
import org.junit.jupiter.api.Test;

/** The MoLRG DAE's projection back onto orthonormal bases after every optimiser step. */
class OrthonormaliseTest {
    private static final int N = 12, R = 4;

    @Test
    void columnsFarFromUnitNormComeOutOrthonormalSpanningTheSameSpace() {
        float[] u = random(7);
        for (int i = 0; i < N; i++) { // columns of norm ~3, ~0.2, ~1, ~5: Gram-Schmidt must normalise as it goes
            u[i * R] *= 3f;
            u[i * R + 1] *= 0.2f;
            u[i * R + 3] *= 5f;
        }
        float[] before = u.clone();
        Tensor t = Tensor.wrap(u, N, R);
        MolrgDenoiser.orthonormalise(t);
        assertOrthonormal(t.data());
        // each original column lies in the new span: its residual after projection is ~0
        float[] q = t.data();
        for (int j = 0; j < R; j++) {
            double[] v = new double[N];
            double norm = 0;
            for (int i = 0; i < N; i++) {
                v[i] = before[i * R + j];
                norm += v[i] * v[i];
            }
            for (int c = 0; c < R; c++) {
                double dot = 0;
                for (int i = 0; i < N; i++) {
                    dot += v[i] * q[i * R + c];
                }
                for (int i = 0; i < N; i++) {
                    v[i] -= dot * q[i * R + c];
                }
            }
            double res = 0;
            for (double x : v) {
                res += x * x;
            }
            assertTrue(Math.sqrt(res / norm) < 1e-5, "column " + j + " left the span: " + Math.sqrt(res / norm));
        }
    }

    @Test
    void aCollapsedColumnIsReseededInsteadOfFailing() {
        float[] u = random(8);
        for (int i = 0; i < N; i++) {
            u[i * R + 2] = 2f * u[i * R]; // column 2 duplicates column 0
        }
        Tensor t = Tensor.wrap(u, N, R);
        MolrgDenoiser.orthonormalise(t);
        assertOrthonormal(t.data());
    }

    @Test
    void nanMeansTrainingDivergedAndSaysSo() {
        float[] u = random(9);
        u[5] = Float.NaN;
        var e = assertThrows(IllegalStateException.class, () -> MolrgDenoiser.orthonormalise(Tensor.wrap(u, N, R)));
        assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
    }

    private static float[] random(long seed) {
        Random rnd = new Random(seed);
        float[] u = new float[N * R];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) rnd.nextGaussian();
        }
        return u;
    }

    private static void assertOrthonormal(float[] q) {
        for (int a = 0; a < R; a++) {
            for (int b = 0; b < R; b++) {
                double dot = 0;
                for (int i = 0; i < N; i++) {
                    dot += q[i * R + a] * q[i * R + b];
                }
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-6, "U^T U [" + a + "," + b + "]");
            }
        }
    }
}
