package lid.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.engine.Arena;
import lid.engine.Tensor;
import lid.engine.io.QuantizedTensors;
import lid.engine.io.Safetensors;
import lid.engine.nn.Module;
import lid.engine.nn.Quantization;
import lid.kernels.WeightFormat;
import lid.models.noise.VpSde;
import lid.models.params.Parameterization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quantized models (MLP and the small UNet) save, load and compute the same as in memory. */
class QuantizedModelFilesTest {
    @TempDir
    Path dir;

    private static float relativeError(float[] got, float[] want) {
        double num = 0, den = 0;
        for (int i = 0; i < want.length; i++) {
            num += (got[i] - want[i]) * (double) (got[i] - want[i]);
            den += want[i] * (double) want[i];
        }
        return (float) Math.sqrt(num / den);
    }

    @Test
    void everyFormatRoundTripsForMlpAndUnet() throws Exception {
        Dataset blobs = Datasets.generate("blobs", 8, 0);
        Dataset roll = Datasets.generate("swiss_roll", 8, 0);
        Object[][] cases = {{"mlp:widths=48-48", roll}, {"unet:ch=8,mult=1-2,groups=4", blobs}};
        // relative output error of the quantized network vs float32 (random init, so a loose sanity bound)
        Map<WeightFormat, Double> bound = Map.of(WeightFormat.F32, 0.0, WeightFormat.BF16, 0.01, WeightFormat.F16, 0.002,
                WeightFormat.Q8, 0.03, WeightFormat.Q4, 0.4);
        for (Object[] c : cases) {
            Dataset ds = (Dataset) c[1];
            TrainedModel m = Fixtures.model((String) c[0], ds, VpSde.standard(), Parameterization.EPS, 3);
            Module net = (Module) m.net();
            try (Arena arena = Arena.open()) {
                Tensor x = Tensor.randn(2, 0, 3, ds.dim());
                Tensor t = Tensor.of(new float[] {0.1f, 0.4f, 0.8f}, 3);
                float[] f32 = m.epsHat(x, t).toArray();
                for (WeightFormat f : WeightFormat.values()) {
                    Quantization.quantize(net, f, n -> false);
                    float[] inMemory = m.epsHat(x, t).toArray();
                    Path out = dir.resolve(f.tag());
                    Files.createDirectories(out);
                    ModelFiles.save(out.resolve(ModelFiles.DIR_FILE), m, Map.of());
                    TrainedModel back = ModelFiles.load(out); // a directory stands for its model.safetensors
                    assertEquals(f, Quantization.format((Module) back.net()), c[0] + " " + f);
                    assertArrayEquals(inMemory, back.epsHat(x, t).toArray(), c[0] + " " + f);
                    assertEquals(Quantization.parameterBytes(net), Quantization.parameterBytes((Module) back.net()));
                    float err = relativeError(inMemory, f32);
                    assertTrue(err <= bound.get(f), c[0] + " " + f + ": relative error " + err);
                    if (f != WeightFormat.F32) {
                        assertTrue(back.describe().contains(f.tag() + " weights"), back.describe());
                    }
                }
                Quantization.quantize(net, WeightFormat.F32, n -> false);
            }
        }
    }

    @Test
    void aQuantizedFileIsSmallerAndListsItsTensors() throws Exception {
        Dataset roll = Datasets.generate("swiss_roll", 8, 0);
        TrainedModel m = Fixtures.model("mlp:widths=256-256", roll, VpSde.standard(), Parameterization.EPS, 1);
        Path f32 = dir.resolve("f32.safetensors"), q4 = dir.resolve("q4.safetensors");
        ModelFiles.save(f32, m, Map.of());
        Quantization.quantize((Module) m.net(), WeightFormat.Q4, n -> false);
        ModelFiles.save(q4, m, Map.of());
        assertTrue(Files.size(q4) * 4 < Files.size(f32), Files.size(q4) + " vs " + Files.size(f32));
        Map<String, String> md = Safetensors.read(q4).metadata();
        assertEquals("q4", md.get(QuantizedTensors.FORMAT_KEY));
        assertEquals("net.0.weight,net.2.weight,net.4.weight", md.get(QuantizedTensors.TENSORS_KEY));
    }

    @Test
    void badQuantizedFilesGetClearErrors() throws Exception {
        Dataset roll = Datasets.generate("swiss_roll", 8, 0);
        TrainedModel m = Fixtures.model("mlp:widths=40-40", roll, VpSde.standard(), Parameterization.EPS, 1);
        Quantization.quantize((Module) m.net(), WeightFormat.Q8, n -> false);
        Path good = dir.resolve("q8.safetensors");
        ModelFiles.save(good, m, Map.of());
        Safetensors.Contents c = Safetensors.read(good);

        Map<String, String> md = new LinkedHashMap<>(c.metadata());
        md.put(QuantizedTensors.TENSORS_KEY, md.get(QuantizedTensors.TENSORS_KEY) + ",net.0.bias");
        Path bad = dir.resolve("bad1.safetensors");
        Safetensors.writeRaw(bad, c.tensors(), md);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(bad));
        assertTrue(e.getMessage().contains("net.0.bias") && e.getMessage().contains("not a Linear"), e.getMessage());

        md = new LinkedHashMap<>(c.metadata());
        md.put(QuantizedTensors.FORMAT_KEY, "q3");
        Path bad2 = dir.resolve("bad2.safetensors");
        Safetensors.writeRaw(bad2, c.tensors(), md);
        e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(bad2));
        assertTrue(e.getMessage().contains("q3") && e.getMessage().contains("q8, q4"), e.getMessage());

        Map<String, Safetensors.RawTensor> t = new LinkedHashMap<>(c.tensors());
        t.remove("net.2.weight_scale");
        Path bad3 = dir.resolve("bad3.safetensors");
        Safetensors.writeRaw(bad3, t, c.metadata());
        e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(bad3));
        assertTrue(e.getMessage().contains("net.2.weight_scale"), e.getMessage());

        Path two = dir.resolve("two");
        Files.createDirectories(two);
        Files.copy(good, two.resolve("a.safetensors"));
        Files.copy(good, two.resolve("b.safetensors"));
        e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(two));
        assertTrue(e.getMessage().contains("several") && e.getMessage().contains("a.safetensors"), e.getMessage());
    }
}
