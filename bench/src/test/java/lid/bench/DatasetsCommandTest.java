package lid.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.datasets.io.Npy;
import lid.datasets.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsCommandTest {
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void generateWritesTheContractFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sph.npy");
        CliRun r = run("datasets", "generate", "sphere:d=16,D=64,embed=rotate", "--n", "300", "--seed", "5", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("[300 x 64]"), r.out());
        NpyArray x = Npy.read(out);
        assertArrayEquals(new int[] {300, 64}, x.shape());
        assertEquals(NpyArray.Dtype.FLOAT32, x.dtype());
        NpyArray lid = Npy.read(dir.resolve("sph.lid.npy"));
        assertEquals(NpyArray.Dtype.INT32, lid.dtype());
        for (int l : lid.ints()) {
            assertEquals(16, l);
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("sph.json").toFile());
        assertEquals("sphere:d=16,D=64,embed=rotate", json.get("spec").asText());
        assertEquals(5, json.get("seed").asLong());
        assertEquals(300, json.get("n").asInt());
        assertEquals(64, json.get("D").asInt());
        assertEquals(16, json.get("components").get(0).get("lid").asInt());
        Dataset direct = Datasets.generate("sphere:d=16,D=64,embed=rotate", 300, 5);
        assertArrayEquals(direct.x(), x.floats(), "the file holds exactly the generated data");
    }

    @Test
    void defaultsAreInTheHelp() {
        CliRun r = run("datasets", "generate", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("default: " + Datasets.DEFAULT_N), r.out());
        assertTrue(r.out().contains("default: 0"), r.out());
    }

    @Test
    void listShowsGeneratorsParametersAndCommonOptions() {
        CliRun r = run("datasets", "list");
        assertEquals(0, r.code());
        for (String s : new String[] {"sphere", "affine", "molrg", "lollipop", "swiss_roll", "torus_circle", "M1_Sphere",
            "Mp3_Paraboloid", "sm_hypersphere", "latent=uniform", "dims=2-4-8", "embed=pad", "noise=0", "Common options"}) {
            assertTrue(r.out().contains(s), "list lacks " + s);
        }
        CliRun one = run("datasets", "list", "molrg", "--format", "json");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("\"name\" : \"molrg\""), one.out());
        assertFalse(one.out().contains("\"sphere\""));
    }

    @Test
    void badInputExitsWithTwoAndAClearMessage(@TempDir Path dir) {
        CliRun unknown = run("datasets", "generate", "spheer", "--out", dir.resolve("a.npy").toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("error: unknown dataset generator 'spheer' (did you mean sphere?)"), unknown.err());
        CliRun badN = run("datasets", "generate", "sphere", "--n", "0", "--out", dir.resolve("b.npy").toString());
        assertEquals(2, badN.code());
        assertTrue(badN.err().contains("--n must be >= 1"), badN.err());
        // a missing folder is created; a folder path that runs through a file cannot be
        CliRun newDir = run("datasets", "generate", "sphere", "--n", "10", "--out", dir.resolve("new/dir/c.npy").toString());
        assertEquals(0, newDir.code(), newDir.err());
        assertTrue(Files.isRegularFile(dir.resolve("new/dir/c.npy")));
        CliRun badOut = run("datasets", "generate", "sphere", "--out", dir.resolve("new/dir/c.npy/d.npy").toString());
        assertEquals(2, badOut.code());
        assertTrue(badOut.err().startsWith("error: cannot create the folder of"), badOut.err());
        // an existing file that is not ours is never overwritten
        Path mine = dir.resolve("mine.npy");
        try {
            Files.writeString(mine, "my notes, not an array");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CliRun notOurs = run("datasets", "generate", "sphere", "--n", "10", "--out", mine.toString());
        assertEquals(2, notOurs.code(), notOurs.err());
        assertTrue(notOurs.err().contains("refusing to overwrite"), notOurs.err());
        try {
            assertEquals("my notes, not an array", Files.readString(mine));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertFalse(Files.exists(dir.resolve("b.npy")));
    }

    @Test
    void convertsAUsersCsv(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("mine.csv");
        Files.writeString(csv, "u,v,lid\n0.5,1.5,1\n2,3,2\n4,5,1\n");
        CliRun r = run("datasets", "generate", csv.toString(), "--out", dir.resolve("mine.npy").toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(new int[] {1, 2, 1}, Npy.read(dir.resolve("mine.lid.npy")).ints());
        assertArrayEquals(new float[] {0.5f, 1.5f, 2, 3, 4, 5}, Npy.read(dir.resolve("mine.npy")).floats());
    }
}
