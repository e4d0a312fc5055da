package lid.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lid.engine.nn.Module;
import lid.engine.nn.Quantization;
import lid.kernels.WeightFormat;
import lid.models.ModelFiles;
import lid.models.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lid quantize, lid estimate on a quantized model directory, lid bench quant --estimators. */
class QuantizeCommandTest {
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static final String DATA = "affine:D=6,dims=2-4";

    private static Path trained(Path dir) {
        Path ck = dir.resolve("m.safetensors");
        CliRun r = run("train", "--data", DATA, "--n", "600", "--model", "mlp:widths=48-48", "--steps", "60", "--batch", "64",
                "--out", ck.toString(), "--threads", "1", "--progress", "none");
        assertEquals(0, r.code(), r.err());
        return ck;
    }

    @Test
    void quantizeThenEstimateFromTheDirectory(@TempDir Path dir) throws Exception {
        Path ck = trained(dir);
        Path q8 = dir.resolve("q8");
        CliRun q = run("quantize", "--to", "q8", "--model", ck.toString(), "--out", q8.toString());
        assertEquals(0, q.code(), q.err());
        assertTrue(q.out().contains("3 of 3 Linear/Conv2d weights in q8"), q.out());
        assertTrue(Files.isRegularFile(q8.resolve("model.safetensors")));
        JsonNode report = new ObjectMapper().readTree(q8.resolve("quantization.json").toFile());
        assertEquals("q8", report.get("format").asText());
        assertEquals(3, report.get("layers").size());
        assertTrue(report.get("layers").get(0).get("rms_error_relative").asDouble() < 0.01, report.toString());

        TrainedModel m = ModelFiles.load(q8);
        assertEquals(WeightFormat.Q8, Quantization.format((Module) m.net()));

        Path est = dir.resolve("est");
        CliRun e = run("estimate", "--data", DATA, "--n", "600", "--points", "20", "--model", q8.toString(),
                "--estimators", "dsm,flipd,ism,nb", "--out", est.toString(), "--no-plots", "--threads", "1");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.err().contains("q8 weights"), e.err());
        assertEquals(21, Files.readAllLines(est.resolve("estimates.csv")).size());

        // keep the output layer float32; back to f32 from the quantized directory
        CliRun keep = run("quantize", "--to", "q4", "--model", ck.toString(), "--out", dir.resolve("q4.safetensors").toString(),
                "--keep", "net.4");
        assertEquals(0, keep.code(), keep.err());
        assertTrue(keep.out().contains("2 of 3"), keep.out());
        CliRun back = run("quantize", "--to", "f32", "--model", q8.toString(), "--out", dir.resolve("deq").toString());
        assertEquals(0, back.code(), back.err());
        assertEquals(WeightFormat.F32, Quantization.format((Module) ModelFiles.load(dir.resolve("deq")).net()));
    }

    @Test
    void badInputNamesTheProblem(@TempDir Path dir) throws Exception {
        Path ck = trained(dir);
        CliRun r = run("quantize", "--to", "q3", "--model", ck.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown weight format 'q3'") && r.err().contains("q8, q4"), r.err());
        r = run("quantize", "--to", "q8", "--model", dir.resolve("nope.safetensors").toString(), "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("model file not found"), r.err());
        r = run("quantize", "--to", "q8", "--model", ck.toString(), "--out", dir.resolve("x").toString(), "--keep", "net.9");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--keep net.9 matches no quantizable weight") && r.err().contains("net.0.weight"), r.err());
        r = run("quantize", "--to", "q8", "--model", ck.toString(), "--out", ck.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("overwrite the input"), r.err());
    }

    @Test
    void benchQuantEstimatorsPrintsOneObjectPerEstimatorAndFormat(@TempDir Path dir) throws Exception {
        Path ck = trained(dir);
        CliRun r = run("bench", "quant", "--estimators", "dsm,flipd", "--model", ck.toString(), "--data", DATA, "--n", "600",
                "--points", "16", "--rounds", "1", "--window-seconds", "0.05", "--threads", "1", "--format", "json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> rows = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            rows.add(new ObjectMapper().readTree(line));
        }
        assertEquals(10, rows.size(), r.out());
        for (JsonNode row : rows) {
            for (String key : List.of("estimator", "format", "points_per_s", "peak_bytes", "mad_vs_f32", "weight_bytes")) {
                assertTrue(row.has(key), key + " missing in " + row);
            }
            assertTrue(row.get("points_per_s").asDouble() > 0, row.toString());
            if (row.get("format").asText().equals("f32")) {
                assertEquals(0.0, row.get("mad_vs_f32").asDouble(), row.toString());
            }
        }
        // weight bytes shrink f32 > bf16 = f16 > q8 > q4
        long[] bytes = rows.subList(0, 5).stream().mapToLong(n -> n.get("weight_bytes").asLong()).toArray();
        assertTrue(bytes[0] > bytes[1] && bytes[1] == bytes[2] && bytes[2] > bytes[3] && bytes[3] > bytes[4],
                java.util.Arrays.toString(bytes));
    }
    /** The kernel contract: one object per format with format, gflops and weight_bytes (and the ratios to f32). */
    @Test
    void benchQuantKernelPrintsOneObjectPerFormat() throws Exception {
        int size = 96;
        CliRun r = run("bench", "quant", "--kernel", "gemv", "--size", String.valueOf(size), "--windows", "2",
                "--window-seconds", "0.02", "--threads", "2", "--format", "json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> rows = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            rows.add(new ObjectMapper().readTree(line));
        }
        assertEquals(List.of("f32", "bf16", "f16", "q8", "q4"), rows.stream().map(n -> n.get("format").asText()).toList());
        // q8: 96 rows x 3 blocks x (32 bytes + 4 for the scale); q4: 6 panels of 16 rows x 3 blocks x (16 + 4)
        long[] expected = {4L * size * size, 2L * size * size, 2L * size * size, size * 3L * 36, 6L * 16 * 3 * 20};
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            assertTrue(row.get("gflops").asDouble() > 0, row.toString());
            assertEquals(expected[i], row.get("weight_bytes").asLong(), row.toString());
            assertTrue(row.get("speedup_vs_f32").asDouble() > 0 && row.get("speedup_best_vs_f32").asDouble() > 0, row.toString());
        }
        assertEquals(1.0, rows.get(0).get("speedup_vs_f32").asDouble());
    }
}
