package lid.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.engine.Arena;
import lid.engine.Tensor;
import lid.engine.io.Safetensors;
import lid.models.noise.EdmProcess;
import lid.models.noise.NoiseProcess;
import lid.models.noise.RectifiedFlow;
import lid.models.noise.VpSde;
import lid.models.params.Parameterization;
import lid.models.train.TrainConfig;
import lid.models.train.Trainer;
import lid.models.train.Weighting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    /** Every architecture with a non-default process and parameterisation comes back from the file alone. */
    @Test
    void aCheckpointRebuildsTheModelFromTheFileAlone() throws Exception {
        Dataset blobs = Datasets.generate("blobs", 16, 0);
        Dataset molrg = Datasets.generate("molrg:D=12,dims=2-3", 16, 0);
        Dataset ring = Datasets.generate("swiss_roll", 16, 0);
        Object[][] cases = {
            {"mlp:widths=16-16,ln=true", ring, new RectifiedFlow(), Parameterization.FLOW},
            {"mlp-unet:widths=16-8", ring, VpSde.standard(), Parameterization.V},
            {"sm-mlp:width=16", ring, EdmProcess.standard(), Parameterization.X0},
            {"molrg", molrg, VpSde.standard(), Parameterization.X0},
            {"unet:ch=8,mult=1-2,groups=4", blobs, VpSde.standard(), Parameterization.SCORE}};
        for (Object[] c : cases) {
            Dataset ds = (Dataset) c[1];
            TrainedModel m = Fixtures.model((String) c[0], ds, (NoiseProcess) c[2], (Parameterization) c[3], 1);
            Path f = dir.resolve("m.safetensors");
            TrainConfig cfg = TrainConfig.builder(3).batch(4).warmup(0).ema(0.5).times(0.01, 0.99).validateEvery(0)
                    .checkpointEvery(0).build();
            Trainer tr = new Trainer(m, cfg, ds.x(), new float[0], f, Map.of("data.spec", ds.spec()));
            tr.run(lid.models.train.TrainListener.NONE);
            tr.useEmaWeights();
            TrainedModel back = ModelFiles.load(f);
            assertEquals(m.arch(), back.arch());
            assertEquals(m.process(), back.process());
            assertEquals(m.parameterization(), back.parameterization());
            assertEquals(m.image(), back.image());
            try (Arena arena = Arena.open()) {
                Tensor x = Tensor.randn(2, 0, 3, ds.dim());
                Tensor t = Tensor.of(new float[] {0.1f, 0.4f, 0.8f}, 3);
                assertArrayEquals(m.epsHat(x, t).toArray(), back.epsHat(x, t).toArray(), (String) c[0]);
                assertArrayEquals(m.score(x, t).toArray(), back.score(x, t).toArray(), (String) c[0]);
            }
        }
    }

    @Test
    void badFilesGiveClearMessages() throws Exception {
        var missing = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(dir.resolve("nope.safetensors")));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        Path plain = dir.resolve("plain.safetensors");
        Safetensors.write(plain, Map.of("w", Tensor.zeros(2)), Map.of());
        var notModel = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(plain));
        assertTrue(notModel.getMessage().contains("not a lid-engine model checkpoint"), notModel.getMessage());
        Path garbage = dir.resolve("garbage.safetensors");
        Files.writeString(garbage, "hello");
        var bad = assertThrows(RuntimeException.class, () -> ModelFiles.load(garbage));
        assertTrue(bad.getMessage().contains("garbage.safetensors"), bad.getMessage());
    }
}
