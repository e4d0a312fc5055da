package lid.bench.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import lid.bench.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of {@code lid reproduce} that must hold before any long run: every estimator spec
 * of every experiment parses (a typo would otherwise fail an hour into a run), cells are computed
 * once and an interrupted stage resumes at the first missing cell, and bad invocations fail fast
 * with a message naming the fix.
 */
class ReproduceCommandTest {
    @TempDir
    Path dir;

    @Test
    void everyEstimatorSpecOfEveryExperimentParses() {
        List<String> specs = new ArrayList<>();
        for (boolean quick : new boolean[] {true, false}) {
            for (ScoreMatchingExperiment.Manifold m : ScoreMatchingExperiment.MANIFOLDS) {
                specs.addAll(ScoreMatchingExperiment.estimators(m, quick));
            }
            specs.addAll(ImagesExperiment.estimators(quick));
        }
        specs.addAll(FlipdSmallExperiment.estimators(100));
        specs.addAll(FlipdSmallExperiment.estimators(1000));
        ScalingExperiment.ESTIMATORS.forEach(e -> specs.add(e.spec()));
        assertTrue(specs.size() > 40, "collected " + specs.size() + " specs");
        for (String spec : specs) {
            Estimation.parse(spec); // throws IllegalArgumentException naming the bad option
        }
    }

    @Test
    void imageEvaluationPointsCycleThroughEveryLid() {
        var ds = ImagesExperiment.interleaved(lid.datasets.Datasets.generate(
                "blobs:d=2,size=8+blobs:d=4,size=8+blobs:d=6,size=8", 9, 1));
        assertEquals(List.of(2, 4, 6, 2, 4, 6, 2, 4, 6), java.util.Arrays.stream(ds.lid()).boxed().toList());
    }

    @Test
    void cellsAreComputedOnceAndAnInterruptedStageResumes() {
        AtomicInteger computed = new AtomicInteger();
        AtomicInteger failAt = new AtomicInteger(2); // the third cell "crashes" on the first run
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int id = i;
            cells.add(new Cell("grid/cell" + i, "cell " + i, () -> {
                if (failAt.get() == id) {
                    throw new IllegalStateException("interrupted");
                }
                computed.incrementAndGet();
                ObjectNode o = Workspace.JSON.createObjectNode();
                o.put("value", id * 10);
                return o;
            }));
        }
        Workspace first = new Workspace(dir, quietLog());
        assertThrows(IllegalStateException.class, () -> first.run("stage", cells));
        assertEquals(2, computed.get());
        assertTrue(first.has("grid/cell0") && first.has("grid/cell1"));
        assertFalse(first.has("grid/cell2"));

        failAt.set(-1);
        Workspace second = new Workspace(dir, quietLog());
        List<ObjectNode> out = second.run("stage", cells);
        assertEquals(4, computed.get(), "only the two missing cells are computed again");
        assertEquals(2, second.cachedCells());
        assertEquals(2, second.computedCells());
        for (int i = 0; i < 4; i++) {
            assertEquals(i * 10, out.get(i).get("value").asInt());
            assertTrue(out.get(i).has("cell_seconds"));
        }
        // no temporary files left beside the results
        try (var files = Files.walk(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A cell made by code of another results version is recomputed, never reused (its numbers may mean something else). */
    @Test
    void aCellOfOlderCodeIsRecomputed() throws Exception {
        AtomicInteger computed = new AtomicInteger();
        Cell cell = new Cell("grid/one", "one", () -> {
            computed.incrementAndGet();
            ObjectNode o = Workspace.JSON.createObjectNode();
            o.put("value", 7);
            return o;
        });
        new Workspace(dir, quietLog()).run("stage", List.of(cell));
        Path file = new Workspace(dir, quietLog()).cellFile("grid/one");
        assertTrue(Files.readString(file).contains("\"results_version\" : " + lid.models.ResultsVersion.CURRENT));
        new Workspace(dir, quietLog()).run("stage", List.of(cell));
        assertEquals(1, computed.get(), "a current cell is reused");
        // the same cell as older code wrote it (no version, or version 1)
        Files.writeString(file, "{\"value\": 3}\n");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Workspace ws = new Workspace(dir, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(ws.stale("grid/one"));
        assertEquals(7, ws.run("stage", List.of(cell)).get(0).get("value").asInt());
        assertEquals(2, computed.get(), "an old cell is computed again");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("made by older code"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badInvocationsFailFastNamingTheFix() throws Exception {
        CliRun unknown = CliRun.of("reproduce", "no-such-table", "--out", dir.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("valid: score-matching"), unknown.err());

        CliRun noOut = CliRun.of("reproduce", "molrg-phase", "--quick");
        assertEquals(2, noOut.code());
        assertTrue(noOut.err().contains("--out DIR"), noOut.err());

        // a folder made with another budget is refused before any work starts
        Files.writeString(dir.resolve("budget.json"), "{\"experiment\": \"molrg-phase\", \"mode\": \"full\"}\n");
        CliRun mismatch = CliRun.of("reproduce", "molrg-phase", "--quick", "--out", dir.toString());
        assertEquals(2, mismatch.code());
        assertTrue(mismatch.err().contains("holds results made with") && mismatch.err().contains("choose a new --out"), mismatch.err());
        try (var cellFiles = Files.walk(dir.resolve("cells"))) {
            assertTrue(cellFiles.noneMatch(Files::isRegularFile), "nothing computed");
        }

        CliRun list = CliRun.of("reproduce", "list");
        assertEquals(0, list.code());
        for (String name : List.of("score-matching", "flipd-small", "molrg-phase", "scaling", "images")) {
            assertTrue(list.out().contains(name), list.out());
        }
    }

    private static PrintStream quietLog() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
