package lid.datasets.io;

import lid.kernels.io.AtomicFiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilesTest {
    @Test
    void npyTripleRoundTripsWithItsJson(@TempDir Path dir) throws IOException {
        Dataset ds = Datasets.generate("lollipop", 500, 3);
        Path out = dir.resolve("lol.npy");
        DatasetFiles.save(ds, out);
        NpyArray x = Npy.read(out);
        assertArrayEquals(new int[] {500, 2}, x.shape());
        assertEquals(NpyArray.Dtype.FLOAT32, x.dtype());
        assertArrayEquals(ds.x(), x.floats());
        NpyArray lid = Npy.read(dir.resolve("lol.lid.npy"));
        assertEquals(NpyArray.Dtype.INT32, lid.dtype());
        assertArrayEquals(ds.lid(), lid.ints());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("lol.json").toFile());
        assertEquals("lollipop", json.get("spec").asText());
        assertEquals(3, json.get("seed").asLong());
        assertEquals(500, json.get("n").asInt());
        assertEquals(2, json.get("D").asInt());
        int total = 0;
        for (JsonNode c : json.get("components")) {
            assertEquals(c.get("component").asInt(), c.get("lid").asInt(), "lollipop: component = lid");
            total += c.get("count").asInt();
        }
        assertEquals(500, total);
        assertNoTemporaryFiles(dir);
    }

    @Test
    void csvRoundTripKeepsLabels(@TempDir Path dir) throws IOException {
        Dataset ds = Datasets.generate("torus_circle", 200, 4);
        Path out = dir.resolve("tc.csv");
        DatasetFiles.save(ds, out);
        assertTrue(Files.readAllLines(out).get(0).equals("x0,x1,x2,lid,component"));
        Dataset back = DatasetFiles.load(out, 0, 4);
        assertArrayEquals(ds.x(), back.x());
        assertArrayEquals(ds.lid(), back.lid());
        assertArrayEquals(ds.component(), back.component());
        assertTrue(Files.exists(dir.resolve("tc.json")));
    }

    @Test
    void failedWriteLeavesNothingBehind(@TempDir Path dir) {
        Dataset ds = Datasets.generate("sphere", 10, 0);
        Path out = dir.resolve("missing-dir").resolve("s.npy");
        assertThrows(IllegalArgumentException.class, () -> DatasetFiles.save(ds, out));
        assertFalse(Files.exists(dir.resolve("missing-dir")));
    }

    @Test
    void partialFailureRollsBackTheGroup(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.bin");
        try (AtomicFiles batch = new AtomicFiles()) {
            batch.add(a, o -> o.write(1));
            assertThrows(IOException.class, () -> batch.add(dir.resolve("b.bin"), o -> {
                throw new IOException("disk full");
            }));
        }
        assertFalse(Files.exists(a), "the first file was never committed");
        assertNoTemporaryFiles(dir);
    }

    @Test
    void overwritesAtomically(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("d.npy");
        DatasetFiles.save(Datasets.generate("sphere:d=2", 10, 0), out);
        DatasetFiles.save(Datasets.generate("sphere:d=3", 20, 0), out);
        assertArrayEquals(new int[] {20, 4}, Npy.read(out).shape());
        assertNoTemporaryFiles(dir);
    }

    @Test
    void nanInAFileIsReportedWithItsPosition() throws Exception {
        Path nan = NpyTest.resource("numpy_f32_nan.npy");
        var e = assertThrows(IllegalArgumentException.class, () -> DatasetFiles.load(nan, 0, 0));
        assertTrue(e.getMessage().contains("row 2, column 1 is NaN"), e.getMessage());
    }

    @Test
    void nanInACsvIsReported(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("n.csv");
        Files.writeString(f, "a,b\n1,2\n3,nan\n");
        var e = assertThrows(IllegalArgumentException.class, () -> DatasetFiles.load(f, 0, 0));
        assertTrue(e.getMessage().contains("row 2, column 2 is NaN"), e.getMessage());
    }

    @Test
    void wrongShapesAreRejected(@TempDir Path dir) throws Exception {
        var oneD = assertThrows(IllegalArgumentException.class, () -> DatasetFiles.load(NpyTest.resource("numpy_i32_5.npy"), 0, 0));
        assertTrue(oneD.getMessage().contains("expected a 2-D array [n, D] of points, got shape (5,)"), oneD.getMessage());
        Path data = dir.resolve("p.npy");
        try (var o = Files.newOutputStream(data)) {
            Npy.writeFloat32(o, new float[6], 3, 2);
        }
        try (var o = Files.newOutputStream(dir.resolve("p.lid.npy"))) {
            Npy.writeInt32(o, new int[4], 4);
        }
        var labels = assertThrows(IllegalArgumentException.class, () -> DatasetFiles.load(data, 0, 0));
        assertTrue(labels.getMessage().contains("expected a 1-D array of 3 labels"), labels.getMessage());
        var ext = assertThrows(IllegalArgumentException.class, () -> DatasetFiles.save(Datasets.generate("sphere", 3, 0), dir.resolve("x.txt")));
        assertTrue(ext.getMessage().contains("must end with .npy or .csv"));
    }

    @Test
    void readsNumpyFloat64AndInt64Labels(@TempDir Path dir) throws Exception {
        Files.copy(NpyTest.resource("numpy_f64_v2_fortran.npy"), dir.resolve("m.npy"));
        Dataset ds = DatasetFiles.load(dir.resolve("m.npy"), 0, 0);
        assertEquals(2, ds.n());
        assertEquals(3, ds.dim());
        assertEquals(-6.5f, ds.get(1, 2));
        assertArrayEquals(new int[] {-1, -1}, ds.lid());
    }

    private static void assertNoTemporaryFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
    }
}
