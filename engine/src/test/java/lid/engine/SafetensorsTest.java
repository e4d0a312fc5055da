package lid.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lid.engine.io.Safetensors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("layers.0.weight", Tensor.randn(1, 0, 3, 5));
        m.put("layers.0.bias", Tensor.of(new float[] {Float.MIN_VALUE, -0f, Float.MAX_VALUE, Float.NaN}, 4));
        m.put("scalar", Tensor.of(new float[] {42f}));
        return m;
    }

    @Test
    void roundTripIsBitExactWithMetadata() throws IOException {
        Path f = dir.resolve("m.safetensors");
        Map<String, Tensor> m = sample();
        Safetensors.write(f, m, Map.of("arch", "{\"kind\":\"mlp\"}", "step", "7"));
        Safetensors.Contents c = Safetensors.read(f);
        assertEquals("7", c.metadata().get("step"));
        assertEquals("{\"kind\":\"mlp\"}", c.metadata().get("arch"));
        for (var e : m.entrySet()) {
            Tensor got = c.tensor(e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape());
            float[] a = e.getValue().toArray(), b = got.toArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), e.getKey() + "[" + i + "]");
            }
        }
        assertEquals(0, (Files.size(f) - 8 - c.tensors().values().stream().mapToLong(r -> r.bytes().length).sum()) % 8,
                "header is padded to a multiple of 8 bytes");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void readsTheUpstreamDocumentationExample() throws Exception {
        Path f = Path.of(getClass().getResource("/safetensors/upstream_doc_example.safetensors").toURI());
        Safetensors.Contents c = Safetensors.read(f);
        Safetensors.RawTensor t = c.tensors().get("test");
        assertEquals("I32", t.dtype());
        assertArrayEquals(new int[] {2, 2}, t.shape());
        assertEquals(16, t.bytes().length);
    }

    @Test
    void decodesHalfAndBfloat16() throws IOException {
        Path f = dir.resolve("h.safetensors");
        ByteBuffer h = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-2f));
        ByteBuffer bf = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        bf.putShort((short) (Float.floatToRawIntBits(3.25f) >>> 16)).putShort((short) (Float.floatToRawIntBits(-0.5f) >>> 16));
        Map<String, Safetensors.RawTensor> raw = new LinkedHashMap<>();
        raw.put("h", new Safetensors.RawTensor("F16", new int[] {2}, h.array()));
        raw.put("b", new Safetensors.RawTensor("BF16", new int[] {2}, bf.array()));
        Safetensors.writeRaw(f, raw, Map.of());
        Safetensors.Contents c = Safetensors.read(f);
        assertArrayEquals(new float[] {1.5f, -2f}, c.tensor("h").toArray());
        assertArrayEquals(new float[] {3.25f, -0.5f}, c.tensor("b").toArray());
    }

    @Test
    void rejectsTruncatedCorruptAndUnknownFiles() throws IOException {
        Path good = dir.resolve("g.safetensors");
        Safetensors.write(good, sample(), Map.of());
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = dir.resolve("t.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        var e1 = assertThrows(IOException.class, () -> Safetensors.read(truncated));
        assertTrue(e1.getMessage().contains("outside") || e1.getMessage().contains("truncated"), e1.getMessage());

        Path longHeader = dir.resolve("l.safetensors");
        byte[] lh = bytes.clone();
        ByteBuffer.wrap(lh).order(ByteOrder.LITTLE_ENDIAN).putLong(0, bytes.length);
        Files.write(longHeader, lh);
        var e2 = assertThrows(IOException.class, () -> Safetensors.read(longHeader));
        assertTrue(e2.getMessage().contains("longer than the file"), e2.getMessage());

        Path tiny = dir.resolve("x.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> Safetensors.read(tiny));

        String header = "{\"w\":{\"dtype\":\"Q9\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Path unknown = dir.resolve("u.safetensors");
        Files.write(unknown, build(header, new byte[4]));
        var e3 = assertThrows(IOException.class, () -> Safetensors.read(unknown));
        assertTrue(e3.getMessage().contains("unknown dtype 'Q9'"), e3.getMessage());

        Path mismatch = dir.resolve("m.safetensors");
        Files.write(mismatch, build("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}", new byte[12]));
        var e4 = assertThrows(IOException.class, () -> Safetensors.read(mismatch));
        assertTrue(e4.getMessage().contains("needs 16"), e4.getMessage());

        Path badJson = dir.resolve("j.safetensors");
        Files.write(badJson, build("{\"w\":", new byte[0]));
        var e5 = assertThrows(IOException.class, () -> Safetensors.read(badJson));
        assertTrue(e5.getMessage().contains("not valid JSON"), e5.getMessage());
    }

    private static byte[] build(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    /** A file we write reads in Python by the format's rules (numpy), with the same values. */
    @Test
    void ourFileReadsInPython() throws Exception {
        Path script = Path.of(getClass().getResource("/safetensors/check_safetensors.py").toURI());
        Process probe;
        try {
            probe = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 not available: " + e.getMessage());
            return;
        }
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "python3 with numpy not available; skipping the Python interoperability check");
        Path f = dir.resolve("py.safetensors");
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("w", Tensor.of(new float[] {1.5f, -2f, 3f, 0.25f, 8f, -1f}, 2, 3));
        m.put("b", Tensor.of(new float[] {0.5f}, 1));
        Safetensors.write(f, m, Map.of("format", "pt"));
        Process p = new ProcessBuilder("python3", script.toString(), f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        JsonNode j = new ObjectMapper().readTree(out);
        assertEquals("[2,3]", j.get("w").get("shape").toString());
        assertEquals(9.75, j.get("w").get("sum").asDouble(), 1e-9);
        assertEquals(0.5, j.get("b").get("first").asDouble(), 0);
        assertEquals("pt", j.get("__metadata__").get("format").asText());
    }
}
