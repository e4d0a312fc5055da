package lid.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import lid.bench.Main;
import lid.engine.Arena;
import lid.engine.Engine;
import lid.engine.Tensor;
import lid.engine.optim.Adam;
import lid.kernels.Backends;
import lid.kernels.Kernels;
import lid.kernels.ScalarKernels;
import lid.models.nets.MlpScoreNet;
import lid.models.noise.VpSde;
import lid.models.train.DsmLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Across modules: train -> estimate -> accuracy through the command line, and the backends agree. */
class EndToEndTest {
    @TempDir
    Path dir;

    /** A model trained for a few seconds on a 2-dimensional Gaussian in R^8 gives FLIPD, NB and DSM-LID close to 2. */
    @Test
    void trainThenEstimateRecoversTheDimension() throws Exception {
        Path ckpt = dir.resolve("m.safetensors");
        String data = "gaussian:D=8,d=2";
        assertEquals(0, Main.run("train", "--data", data, "--n", "4000", "--model", "mlp:widths=128-128-128",
                "--steps", "2500", "--batch", "256", "--lr", "2e-3", "--threads", "2", "--progress", "none",
                "--out", ckpt.toString()));
        Path out = dir.resolve("est");
        assertEquals(0, Main.run("estimate", "--data", data, "--n", "4000", "--model", ckpt.toString(), "--estimators",
                "flipd,nb,dsm:t=0.05", "--points", "200", "--threads", "2", "--no-plots", "--out", out.toString()));
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(s.get("flipd").get("mae").asDouble() < 0.8, "flipd MAE " + s.get("flipd").get("mae"));
        assertTrue(s.get("nb").get("mae").asDouble() < 0.5, "nb MAE " + s.get("nb").get("mae"));
        // DSM-LID with independent draws per point is an unbiased estimate of the model's loss: at t = 0.01 this
        // 2500-step model's loss is still about 4 (MAE near 1.9 with m = 8 or 32); at t = 0.05 it has learned the score
        JsonNode dsm = s.get("dsm:t=0.05");
        assertTrue(dsm.get("mae").asDouble() < 1.0, "dsm MAE " + dsm.get("mae"));
    }

    /** Twenty DSM training steps on the scalar reference and on the Vector API backend give the same losses (float rounding aside). */
    @Test
    void scalarAndVectorBackendsTrainAlike() {
        double[] scalar = losses(ScalarKernels.INSTANCE);
        double[] vector = losses(Backends.cpu(2));
        for (int i = 0; i < scalar.length; i++) {
            assertEquals(scalar[i], vector[i], 1e-3 * Math.abs(scalar[i]), "step " + i);
        }
    }

    private static double[] losses(Kernels k) {
        Kernels before = Engine.kernels();
        Engine.use(k);
        try {
            MlpScoreNet net = new MlpScoreNet(6, new int[] {32, 32}, 16, true, 1);
            Adam opt = Adam.adam(net.parameters(), 1e-3f);
            Tensor x0 = Arena.unscoped(() -> Tensor.randn(4, 0, 64, 6));
            double[] out = new double[20];
            for (int s = 0; s < out.length; s++) {
                try (Arena a = Arena.open()) {
                    Tensor t = Tensor.rand(5, 2L * s, 64);
                    Tensor eps = Tensor.randn(5, 2L * s + 1, 64, 6);
                    Tensor loss = DsmLoss.loss(net, VpSde.standard(), x0, t, eps);
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                    out[s] = loss.item();
                }
            }
            return out;
        } finally {
            Engine.use(before);
        }
    }
}
