package lid.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy against files written by numpy 2.4.6 (see make_fixtures.py in the test resources). */
class NpyTest {
    @Test
    void float32FileIsByteIdenticalToNumpys() throws Exception {
        float[] data = new float[12];
        for (int i = 0; i < 12; i++) {
            data[i] = i / 4f - 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeFloat32(out, data, 3, 4);
        assertArrayEquals(Files.readAllBytes(resource("numpy_f32_3x4.npy")), out.toByteArray());
    }

    @Test
    void int32FileIsByteIdenticalToNumpys() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeInt32(out, new int[] {2, 4, 8, -1, 0}, 5);
        assertArrayEquals(Files.readAllBytes(resource("numpy_i32_5.npy")), out.toByteArray());
    }

    @Test
    void readsNumpyFloat32() throws Exception {
        NpyArray a = Npy.read(resource("numpy_f32_3x4.npy"));
        assertEquals(NpyArray.Dtype.FLOAT32, a.dtype());
        assertArrayEquals(new int[] {3, 4}, a.shape());
        assertEquals(-1f, a.floats()[0]);
        assertEquals(1.75f, a.floats()[11]);
    }

    @Test
    void readsVersion2FortranFloat64() throws Exception {
        NpyArray a = Npy.read(resource("numpy_f64_v2_fortran.npy"));
        assertEquals(NpyArray.Dtype.FLOAT64, a.dtype());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new double[] {1.5, -2.25, 3.0, 4.0, 5.125, -6.5}, a.doubles(), "re-laid in C order");
    }

    @Test
    void readsBigEndianInt64() throws Exception {
        NpyArray a = Npy.read(resource("numpy_i64_be.npy"));
        assertEquals(NpyArray.Dtype.INT64, a.dtype());
        assertArrayEquals(new long[] {3, 1, 4, 1, 5}, a.longs());
    }

    @Test
    void roundTripOfALargeArray(@TempDir Path dir) throws IOException {
        int n = 300_001; // more than one I/O chunk
        float[] data = new float[n * 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i);
        }
        Path f = dir.resolve("big.npy");
        try (var out = Files.newOutputStream(f)) {
            Npy.writeFloat32(out, data, n, 2);
        }
        NpyArray a = Npy.read(f);
        assertArrayEquals(new int[] {n, 2}, a.shape());
        assertArrayEquals(data, a.floats());
        byte[] bytes = Files.readAllBytes(f);
        assertEquals(0, (bytes[8] & 0xFF | (bytes[9] & 0xFF) << 8) + 10 & 63, "header padded to 64 bytes");
    }

    @Test
    void unsupportedDtypeListsTheSupportedOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Npy.read(resource("numpy_c8.npy")));
        assertTrue(e.getMessage().contains("unsupported dtype '<c8'; supported: float32 (<f4), float64 (<f8), int32 (<i4), int64 (<i8)"),
                e.getMessage());
    }

    @Test
    void truncatedAndForeignFilesAreRejected(@TempDir Path dir) throws Exception {
        byte[] full = Files.readAllBytes(resource("numpy_f32_3x4.npy"));
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(full, full.length - 5));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.read(cut)).getMessage().contains("truncated data"));
        Path cutHeader = dir.resolve("cuth.npy");
        Files.write(cutHeader, Arrays.copyOf(full, 40));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.read(cutHeader)).getMessage().contains("truncated header"));
        Path text = dir.resolve("text.npy");
        Files.writeString(text, "hello, this is not numpy data");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.read(text)).getMessage().contains("not a .npy file"));
    }

    @Test
    void shapeMustHoldTheData() {
        assertThrows(IllegalArgumentException.class, () -> Npy.writeFloat32(new ByteArrayOutputStream(), new float[5], 2, 3));
    }

    static Path resource(String name) throws URISyntaxException, IOException {
        var url = NpyTest.class.getResource("/lid/datasets/" + name);
        if (url == null) {
            throw new IOException("missing test resource " + name);
        }
        return Path.of(url.toURI());
    }
}
