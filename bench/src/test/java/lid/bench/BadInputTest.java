package lid.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lid.datasets.io.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input tour as tests: every case gives one line starting "error:" and exit code 2 (no
 * stack trace), never a silent wrong result, and no file of the user's is lost or overwritten.
 */
class BadInputTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path model;

    @BeforeAll
    static void trainATinyModel() {
        model = shared.resolve("m.safetensors");
        CliRun r = CliRun.of("train", "--data", "gaussian:D=4,d=2", "--n", "500", "--model", "mlp:widths=16-16", "--steps", "30",
                "--progress", "none", "--threads", "1", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
    }

    /** One line "error: ...", exit 2, no stack trace. */
    private static CliRun refused(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "a stack trace: " + err);
        // informational lines (what data was chosen) may come first; the error is one line, the last
        List<String> lines = err.lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("error: "), err);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("error: ")).count(), "one error line: " + err);
        return r;
    }

    private static void writeNpy(Path p, float[] x, int rows, int cols) throws IOException {
        try (OutputStream o = Files.newOutputStream(p)) {
            Npy.writeFloat32(o, x, rows, cols);
        }
    }

    private static void writeLabels(Path p, int[] lid) throws IOException {
        try (OutputStream o = Files.newOutputStream(p)) {
            Npy.writeInt32(o, lid, lid.length);
        }
    }

    private static float[] gaussianRows(int rows, int cols, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void truncatedEmptyOrGarbageCheckpointsAreOneLineErrors() throws IOException {
        byte[] good = Files.readAllBytes(model);
        Path truncated = dir.resolve("trunc.safetensors");
        Files.write(truncated, Arrays.copyOf(good, good.length / 2));
        Path empty = Files.createFile(dir.resolve("empty.safetensors"));
        Path garbage = dir.resolve("garbage.safetensors");
        byte[] noise = new byte[5000];
        new java.util.Random(1).nextBytes(noise);
        Files.write(garbage, noise);
        Path npy = dir.resolve("npy.safetensors");
        writeNpy(npy, new float[8], 2, 4);
        for (Path bad : List.of(truncated, empty, garbage, npy)) {
            refused("estimate", "--data", "gaussian:D=4,d=2", "--n", "100", "--model", bad.toString(), "--estimators", "dsm",
                    "--out", dir.resolve("est").toString());
            refused("sample", "--model", bad.toString(), "--n", "10", "--steps", "5", "--out", dir.resolve("s.npy").toString());
            refused("quantize", "--model", bad.toString(), "--to", "q8", "--out", dir.resolve("q").toString());
            refused("train", "--data", "gaussian:D=4,d=2", "--n", "100", "--model", "mlp:widths=16-16", "--steps", "40",
                    "--resume=" + bad, "--out", dir.resolve("r.safetensors").toString());
        }
    }

    /** --out is checked before any computation: a run of 10^6 steps that checked late would never end here. */
    @Test
    void outputsAreCheckedFirstAndNoFileOfTheUsersIsOverwritten() throws IOException {
        Path notes = dir.resolve("notes.csv");
        Files.writeString(notes, "my,own\n1,2\n");
        Path folderThroughAFile = notes.resolve("sub/m.safetensors");
        String[] longTrain = {"train", "--data", "gaussian:D=4,d=2", "--n", "200", "--model", "mlp:widths=8", "--steps", "1000000",
            "--progress", "none"};
        refused(concat(longTrain, "--out", notes.toString()));
        refused(concat(longTrain, "--out", folderThroughAFile.toString()));
        refused(concat(longTrain, "--out", dir.toString()));
        refused("estimate", "--data", "gaussian:D=4,d=2", "--n", "100", "--estimators", "mle", "--out", notes.toString());
        refused("estimate", "--data", "gaussian:D=4,d=2", "--n", "100", "--estimators", "mle", "--out", "");
        refused("sample", "--model", model.toString(), "--n", "10", "--steps", "5", "--out", notes.toString());
        Path fakeNpy = dir.resolve("fake.npy");
        Files.writeString(fakeNpy, "not an array");
        refused("sample", "--model", model.toString(), "--n", "10", "--steps", "5", "--out", fakeNpy.toString());
        Path fakeModel = dir.resolve("other.safetensors");
        Files.writeString(fakeModel, "not a model");
        refused("quantize", "--model", model.toString(), "--to", "q8", "--out", fakeModel.toString());
        refused(concat(longTrain, "--out", dir.resolve("a.safetensors").toString(), "--loss-log", dir.resolve("a.safetensors").toString()));
        assertEquals("my,own\n1,2\n", Files.readString(notes));
        assertEquals("not an array", Files.readString(fakeNpy));
        assertEquals("not a model", Files.readString(fakeModel));
        // an existing checkpoint is continued (--resume) or replaced on request (--overwrite), never silently restarted
        byte[] before = Files.readAllBytes(model);
        CliRun again = refused("train", "--data", "gaussian:D=4,d=2", "--n", "500", "--model", "mlp:widths=16-16", "--steps", "30",
                "--progress", "none", "--out", model.toString());
        assertTrue(again.err().contains("--resume") && again.err().contains("--overwrite"), again.err());
        assertTrue(Arrays.equals(before, Files.readAllBytes(model)), "the checkpoint is untouched");
    }

    @Test
    void requestsThatCannotFitSayHowMuchMemoryTheyNeed() {
        CliRun n = refused("datasets", "generate", "gaussian:D=20,d=5", "--n", "2000000000", "--out", dir.resolve("x.npy").toString());
        assertTrue(n.err().contains("needs about") && n.err().contains("LID_JAVA_OPTS=-Xmx"), n.err());
        CliRun m = refused("estimate", "--data", "gaussian:D=4,d=2", "--n", "100", "--model", model.toString(), "--estimators",
                "dsm:m=100000000", "--out", dir.resolve("est").toString());
        assertTrue(m.err().contains("dsm:m=100000000") && (m.err().contains("needs about") || m.err().contains("Java array")), m.err());
        CliRun s = refused("sample", "--model", model.toString(), "--n", "2000000000", "--steps", "5", "--out",
                dir.resolve("s.npy").toString());
        assertTrue(s.err().contains("samples"), s.err());
    }

    /** A data file is used whole; --n takes its first rows and says so; --points is bounded by the rows loaded. */
    @Test
    void aDataFileIsUsedWhole() throws IOException {
        Path f = dir.resolve("big.npy");
        int rows = 12_000;
        writeNpy(f, gaussianRows(rows, 3, 1), rows, 3);
        int[] lid = new int[rows];
        Arrays.fill(lid, 3);
        writeLabels(dir.resolve("big.lid.npy"), lid);
        Path out = dir.resolve("est");
        CliRun all = CliRun.of("estimate", "--data", f.toString(), "--estimators", "mle:k=10", "--points", "12000", "--no-plots",
                "--out", out.toString());
        assertEquals(0, all.code(), all.err());
        assertEquals(rows + 1, Files.readAllLines(out.resolve("estimates.csv")).size());
        CliRun first = CliRun.of("estimate", "--data", f.toString(), "--n", "500", "--estimators", "mle:k=10", "--no-plots",
                "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("the first 500 rows"), first.err());
        assertEquals(501, Files.readAllLines(out.resolve("estimates.csv")).size());
        CliRun tooMany = refused("estimate", "--data", f.toString(), "--n", "500", "--points", "600", "--estimators", "mle:k=10",
                "--out", out.toString());
        assertTrue(tooMany.err().contains("more than the 500 points loaded"), tooMany.err());
    }

    @Test
    void unlabelledDataIsNotScoredAndImpossibleLabelsAreRejected() throws IOException {
        Path f = dir.resolve("mine.npy");
        writeNpy(f, gaussianRows(300, 4, 2), 300, 4);
        Path out = dir.resolve("est");
        CliRun r = CliRun.of("estimate", "--data", f.toString(), "--estimators", "mle:k=10,twonn", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(s.get("mle:k=10").get("mae").isNull() && !s.get("mle:k=10").get("labelled").asBoolean(), s.toString());
        assertTrue(Files.readString(out.resolve("summary.md")).contains("n/a"));
        assertTrue(Files.readAllLines(out.resolve("estimates.csv")).get(1).split(",")[1].equals("nan"));
        for (int bad : new int[] {-1, 5}) {
            int[] lid = new int[300];
            Arrays.fill(lid, 2);
            lid[7] = bad;
            writeLabels(dir.resolve("mine.lid.npy"), lid);
            CliRun labels = refused("estimate", "--data", f.toString(), "--estimators", "mle:k=10", "--out", out.toString());
            assertTrue(labels.err().contains("row 8") && labels.err().contains("0..4"), labels.err());
        }
    }

    @Test
    void repeatedPointsAreAnErrorForKnnEstimatorsUnlessDropped() throws IOException {
        float[] half = gaussianRows(150, 3, 3);
        float[] x = new float[300 * 3];
        System.arraycopy(half, 0, x, 0, half.length);
        System.arraycopy(half, 0, x, half.length, half.length);
        Path f = dir.resolve("dup.npy");
        writeNpy(f, x, 300, 3);
        Path out = dir.resolve("est");
        CliRun r = refused("estimate", "--data", f.toString(), "--estimators", "mle:k=10,twonn", "--out", out.toString());
        assertTrue(r.err().contains("150 of the 300 points repeat") && r.err().contains("--dedupe"), r.err());
        CliRun ok = CliRun.of("estimate", "--data", f.toString(), "--estimators", "mle:k=10,twonn", "--dedupe", "--no-plots",
                "--out", out.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.err().contains("150 points remain"), ok.err());
        for (String line : Files.readAllLines(out.resolve("estimates.csv")).subList(1, 151)) {
            String[] cols = line.split(",");
            assertFalse(cols[3].equals("nan") || cols[4].equals("nan"), line); // point, true_lid (nan: unlabelled), component, mle, twonn
        }
    }

    @Test
    void duplicateEstimatorsUnknownOptionsAndBadSyntaxAreRefused() {
        refused("estimate", "--data", "gaussian:D=4,d=2", "--n", "100", "--estimators", "mle,mle", "--out", dir.resolve("e").toString());
        CliRun comma = refused("estimate", "--data", "gaussian:D=4,d=2", "--n", "100", "--estimators", "corrint:k1=5,k2=10",
                "--out", dir.resolve("e").toString());
        assertTrue(comma.err().contains("separated by ':'"), comma.err());
        refused("estimate", "--data", "gaussian:D=4,d=2", "--n", "abc", "--estimators", "mle", "--out", dir.resolve("e").toString());
        refused("estimate", "--data", "lollipop", "--n", "100", "--model", "oracle", "--estimators", "dsm", "--out",
                dir.resolve("e").toString());
        refused("estimate", "--data", "gaussian:D=4,d=2", "--n", "100", "--model", model.toString(), "--process", "ve",
                "--estimators", "dsm", "--out", dir.resolve("e").toString());
        refused("estimate", "--data", "gaussian:D=5,d=2", "--n", "100", "--model", model.toString(), "--estimators", "dsm",
                "--out", dir.resolve("e").toString());
        refused("bench", "gemm", "--sizes", "16", "--windows", "0", "--threads", "1");
        CliRun demo = refused("demo", "--estimators", "nosuch", "--out", dir.resolve("demo").toString());
        assertTrue(demo.err().contains("unknown estimator"), demo.err());
        assertFalse(Files.exists(dir.resolve("demo/model.safetensors")), "demo checked its estimators before training");
    }

    /** A model knows its data: held-out points by default, a warning for another distribution, an error for another D. */
    @Test
    void aModelKnowsItsData() throws IOException {
        Path out = dir.resolve("est");
        CliRun held = CliRun.of("estimate", "--model", model.toString(), "--n", "200", "--estimators", "dsm", "--no-plots",
                "--out", out.toString());
        assertEquals(0, held.code(), held.err());
        assertTrue(held.err().contains("held-out sample") && held.err().contains("seed 1"), held.err());
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(1, run.get("seed").asLong());
        assertEquals("gaussian:D=4,d=2", run.get("data").asText());
        CliRun same = CliRun.of("estimate", "--model", model.toString(), "--data", "gaussian:d=2,D=4,instance=0", "--n", "100",
                "--estimators", "dsm", "--no-plots", "--out", out.toString());
        assertEquals(0, same.code(), same.err());
        assertFalse(same.err().contains("warning:"), "the same distribution written otherwise: " + same.err());
        CliRun other = CliRun.of("estimate", "--model", model.toString(), "--data", "gaussian:D=4,d=2,instance=3", "--n", "100",
                "--estimators", "dsm", "--no-plots", "--out", out.toString());
        assertEquals(0, other.code(), other.err());
        assertEquals(1, other.err().lines().filter(l -> l.startsWith("warning:")).count(), other.err());
        assertTrue(other.err().contains("instance=3") && other.err().contains("gaussian:D=4,d=2"), other.err());
    }

    /** A second command writing the same --out stops with a message; a lock of a process that is gone is taken over. */
    @Test
    void twoCommandsCannotWriteOneFolder() throws Exception {
        Path out = Files.createDirectories(dir.resolve("est"));
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(out.resolve(".lid.lock"), sleeper.pid() + "\nlid estimate\n2026-01-01T00:00:00Z\n");
            CliRun busy = refused("estimate", "--data", "gaussian:D=4,d=2", "--n", "100", "--estimators", "mle:k=10", "--out",
                    out.toString());
            assertTrue(busy.err().contains("another lid command") && busy.err().contains("pid " + sleeper.pid()), busy.err());
        } finally {
            sleeper.destroy();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
        CliRun after = CliRun.of("estimate", "--data", "gaussian:D=4,d=2", "--n", "100", "--estimators", "mle:k=10", "--no-plots",
                "--out", out.toString());
        assertEquals(0, after.code(), after.err());
        assertFalse(Files.exists(out.resolve(".lid.lock")), "the lock is released");
    }

    /** Re-running lid estimate into a folder removes that command's previous outputs; others' files stay. */
    @Test
    void aRerunRemovesItsOwnStaleOutputs() throws IOException {
        Path out = Files.createDirectories(dir.resolve("est"));
        Files.writeString(out.resolve("my-notes.txt"), "keep me");
        Files.writeString(out.resolve(".estimates.csv.1a2b3c.tmp"), "left by a killed run");
        assertEquals(0, CliRun.of("estimate", "--data", "gaussian:D=4,d=2", "--n", "200", "--estimators", "mle:k=10,twonn",
                "--out", out.toString()).code());
        assertTrue(Files.exists(out.resolve("estimate_vs_truth_twonn.png")));
        assertFalse(Files.exists(out.resolve(".estimates.csv.1a2b3c.tmp")), "temporary files of a killed run are cleaned");
        assertEquals(0, CliRun.of("estimate", "--data", "gaussian:D=4,d=2", "--n", "200", "--estimators", "mle:k=10",
                "--out", out.toString()).code());
        assertFalse(Files.exists(out.resolve("estimate_vs_truth_twonn.png")), "the stale plot is gone");
        assertTrue(Files.exists(out.resolve("estimate_vs_truth_mle_k-10.png")));
        assertEquals("keep me", Files.readString(out.resolve("my-notes.txt")));
    }

    /** A killed run's temporary checkpoint (a random name beside the target) is removed at the next start. */
    @Test
    void trainCleansTheTemporaryFilesOfAKilledRun() throws IOException {
        Path out = dir.resolve("k.safetensors");
        Path leftover = Files.writeString(dir.resolve(".k.safetensors.9f3a77c1d2.tmp"), "half a checkpoint");
        Path unrelated = Files.writeString(dir.resolve(".other.safetensors.9f3a77c1d2.tmp"), "someone else's");
        CliRun r = CliRun.of("train", "--data", "gaussian:D=4,d=2", "--n", "200", "--model", "mlp:widths=8", "--steps", "5",
                "--progress", "none", "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(unrelated), "only this output's temporaries are touched");
    }

    @Test
    void rowsAndColumnsAreNumberedFromOne() throws IOException {
        float[] x = gaussianRows(5, 3, 4);
        x[2 * 3 + 1] = Float.NaN; // row 3, column 2
        Path f = dir.resolve("nan.npy");
        writeNpy(f, x, 5, 3);
        CliRun r = refused("estimate", "--data", f.toString(), "--estimators", "mle:k=2", "--out", dir.resolve("e").toString());
        assertTrue(r.err().contains("row 3, column 2"), r.err());
        Path csv = dir.resolve("nan.csv");
        Files.writeString(csv, "a,b\n1,2\n3,4\n5,nan\n");
        CliRun c = refused("estimate", "--data", csv.toString(), "--estimators", "mle:k=2", "--out", dir.resolve("e").toString());
        assertTrue(c.err().contains("row 3, column 2") || c.err().contains("line 4, column 2"), c.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
