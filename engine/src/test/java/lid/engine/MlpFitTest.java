package lid.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lid.engine.nn.Activation;
import lid.engine.nn.Linear;
import lid.engine.nn.Sequential;
import lid.engine.optim.Adam;
import lid.kernels.UnaryOp;
import org.junit.jupiter.api.Test;

/** A small MLP learns y = sin(2 x1) + x2^2 / 2 to a small error, and training allocates nothing in steady state. */
class MlpFitTest {
    @Test
    void fitsASmoothRegression() {
        int n = 256;
        float[] xs = Tensor.randn(5, 0, n, 2).toArray();
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            ys[i] = (float) (Math.sin(2 * xs[2 * i]) + 0.5 * xs[2 * i + 1] * xs[2 * i + 1]);
        }
        Tensor x = Tensor.of(xs, n, 2), y = Tensor.of(ys, n, 1);
        Sequential mlp = new Sequential(List.of(new Linear(2, 64, true, 1, 0), new Activation(UnaryOp.SILU),
                new Linear(64, 64, true, 1, 1), new Activation(UnaryOp.SILU), new Linear(64, 1, true, 1, 2)));
        Adam opt = Adam.adam(mlp.parameters(), 3e-3f);
        double first = Double.NaN, last = Double.NaN;
        long allocatedAfterWarmup = 0;
        for (int step = 0; step < 1500; step++) {
            try (Arena arena = Arena.open()) {
                Tensor loss = mlp.forward(x).sub(y).square().mean();
                opt.zeroGrad();
                loss.backward();
                opt.step();
                if (step == 0) {
                    first = loss.item();
                }
                last = loss.item();
            }
            if (step == 10) {
                allocatedAfterWarmup = Memory.allocatedTotalBytes();
            }
        }
        double variance = 0, mean = 0;
        for (float v : ys) {
            mean += v / n;
        }
        for (float v : ys) {
            variance += (v - mean) * (v - mean) / n;
        }
        assertTrue(last < 0.01 * variance, "loss " + last + " vs target variance " + variance + " (first " + first + ")");
        long grown = Memory.allocatedTotalBytes() - allocatedAfterWarmup;
        assertTrue(grown < 64 * 1024, "tensor buffers allocated after warm-up: " + grown + " bytes");
    }
}
