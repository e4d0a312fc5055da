package lid.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lid.engine.io.QuantizedTensors;
import lid.engine.io.Safetensors;
import lid.engine.io.Safetensors.RawTensor;
import lid.engine.nn.Activation;
import lid.engine.nn.Conv2d;
import lid.engine.nn.Linear;
import lid.engine.nn.QuantizableLayer;
import lid.engine.nn.Quantization;
import lid.engine.nn.Sequential;
import lid.kernels.QuantizedMatrix;
import lid.kernels.UnaryOp;
import lid.kernels.WeightFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quantized layers in a network, and quantized weights through a safetensors file and back. */
class QuantizedWeightsTest {
    @TempDir
    Path dir;

    private static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void everyFormatSurvivesAFileBitForBit() throws Exception {
        int[] shape = {5, 3, 3, 5}; // a conv kernel: 5 x 45, two blocks per row, the second partial
        float[] w = gaussian(5 * 45, 1);
        for (WeightFormat f : WeightFormat.values()) {
            QuantizedMatrix q = QuantizedMatrix.quantize(f, 5, 45, w, 0);
            Path file = dir.resolve(f.tag() + ".safetensors");
            Safetensors.writeRaw(file, QuantizedTensors.encode("conv.weight", q, shape), Map.of());
            Map<String, RawTensor> back = Safetensors.read(file).tensors();
            QuantizedMatrix r = QuantizedTensors.decode("conv.weight", back, shape, f);
            assertEquals(f, r.format());
            assertArrayEquals(q.dequantize(), r.dequantize(), f.tag());
            assertEquals(q.weightBytes(), r.weightBytes(), f.tag());
        }
    }

    @Test
    void storedDtypesAreStandardAndShapesDocumented() {
        QuantizedMatrix q8 = QuantizedMatrix.quantize(WeightFormat.Q8, 4, 40, gaussian(160, 2), 0);
        Map<String, RawTensor> t = QuantizedTensors.encode("w", q8, new int[] {4, 40});
        assertEquals("I8", t.get("w").dtype());
        assertArrayEquals(new int[] {4, 64}, t.get("w").shape());
        assertEquals("F32", t.get("w_scale").dtype());
        assertArrayEquals(new int[] {4, 2}, t.get("w_scale").shape());
        QuantizedMatrix q4 = QuantizedMatrix.quantize(WeightFormat.Q4, 4, 40, gaussian(160, 2), 0);
        t = QuantizedTensors.encode("w", q4, new int[] {4, 40});
        assertEquals("U8", t.get("w").dtype());
        assertArrayEquals(new int[] {4, 32}, t.get("w").shape());
        QuantizedMatrix h = QuantizedMatrix.quantize(WeightFormat.BF16, 4, 40, gaussian(160, 2), 0);
        t = QuantizedTensors.encode("w", h, new int[] {4, 40});
        assertEquals("BF16", t.get("w").dtype());
        // a standard reader decodes bf16 to the same floats
        assertArrayEquals(h.dequantize(), new Safetensors.Contents(t, Map.of()).tensor("w").toArray());
    }

    @Test
    void badStoredDataIsNamed() {
        QuantizedMatrix q8 = QuantizedMatrix.quantize(WeightFormat.Q8, 4, 40, gaussian(160, 3), 0);
        Map<String, RawTensor> t = new LinkedHashMap<>(QuantizedTensors.encode("w", q8, new int[] {4, 40}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantizedTensors.decode("w", t, new int[] {4, 40}, WeightFormat.Q4));
        assertTrue(e.getMessage().contains("q4") && e.getMessage().contains("I8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QuantizedTensors.decode("w", t, new int[] {5, 40}, null));
        assertTrue(e.getMessage().contains("shape"), e.getMessage());
        t.remove("w_scale");
        e = assertThrows(IllegalArgumentException.class, () -> QuantizedTensors.decode("w", t, new int[] {4, 40}, null));
        assertTrue(e.getMessage().contains("w_scale"), e.getMessage());
    }

    @Test
    void quantizingANetworkTouchesLinearAndConvWeightsOnly() {
        Sequential net = new Sequential(List.of(new Conv2d(2, 4, 3, 1, 1, true, 1, 0), new Activation(UnaryOp.SILU),
                new Conv2d(4, 2, 1, 1, 0, true, 1, 1)));
        Sequential mlp = new Sequential(List.of(new Linear(6, 40, true, 1, 0), new Linear(40, 3, true, 1, 1)));
        assertEquals(List.of("0.weight", "2.weight"), List.copyOf(Quantization.layers(net).keySet()));
        assertEquals(2, Quantization.quantize(mlp, WeightFormat.Q8, n -> false));
        assertEquals(WeightFormat.Q8, Quantization.format(mlp));
        // 40x6 -> one block per row; 3x40 -> two blocks per row; biases stay f32
        long want = 40 * (32 + 4) + 3 * (64 + 8) + 4 * (40 + 3);
        assertEquals(want, Quantization.parameterBytes(mlp));
        assertEquals(1, Quantization.quantize(mlp, WeightFormat.Q4, n -> n.equals("1.weight")));
        assertNull(((Linear) mlp.layers().get(1)).quantized());
        Quantization.quantize(mlp, WeightFormat.F32, n -> false);
        assertEquals(WeightFormat.F32, Quantization.format(mlp));
    }

    @Test
    void aQuantizedConvLayerComputesWithItsDequantizedWeight() {
        Conv2d conv = new Conv2d(3, 5, 3, 1, 1, true, 4, 0);
        Tensor x = Tensor.of(gaussian(2 * 3 * 6 * 6, 5), 2, 3, 6, 6);
        for (WeightFormat f : WeightFormat.values()) {
            conv.quantize(f);
            float[] got = conv.forward(x).toArray();
            QuantizableLayer l = conv;
            float[] deq = l.quantized() == null ? conv.weight.toArray() : l.quantized().dequantize();
            float[] want = Conv.conv2d(x, Tensor.of(deq, conv.weight.shape()), conv.bias, 1, 1).toArray();
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-5 * (1 + Math.abs(want[i])), f + " at " + i);
            }
        }
    }
}
