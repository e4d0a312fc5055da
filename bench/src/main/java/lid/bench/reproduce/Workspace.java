package lid.bench.reproduce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import lid.kernels.io.AtomicFiles;
import lid.models.ResultsVersion;

/**
 * The output folder of one {@code lid reproduce} experiment: {@code cells/} holds one JSON file per
 * finished cell (written atomically, so a crash never leaves half a result), {@code models/} the
 * checkpoints, and the top level the report. Cells run in order with a progress line each
 * (done/total, elapsed, ETA from the cells computed so far).
 */
final class Workspace {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final PrintStream log;
    private double computedSeconds;
    private int computedCells;
    private int cachedCells;

    Workspace(Path root, PrintStream log) {
        this.root = root;
        this.log = log;
        try {
            Files.createDirectories(root.resolve("cells"));
            Files.createDirectories(root.resolve("models"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the output folder " + root + ": " + e.getMessage());
        }
    }

    Path root() {
        return root;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    /** The file of a cell key: characters outside [A-Za-z0-9._=-] become '_', so keys may carry specs. */
    Path cellFile(String key) {
        return root.resolve("cells").resolve(key.replaceAll("[^A-Za-z0-9._=-]", "_") + ".json");
    }

    /** Cells found valid or stale (made by another results version) so far. */
    private final java.util.Map<String, Boolean> valid = new java.util.HashMap<>();

    /** True when the cell has a result made by this version of the code ({@link ResultsVersion}). */
    boolean has(String key) {
        return valid.computeIfAbsent(key, k -> {
            Path f = cellFile(k);
            if (!Files.isRegularFile(f)) {
                return false;
            }
            try {
                return JSON.readTree(f.toFile()).path(ResultsVersion.KEY).asInt(1) == ResultsVersion.CURRENT;
            } catch (IOException e) {
                return false; // unreadable: computed again
            }
        });
    }

    /** True when a cell file exists but was made by another results version (so it is recomputed). */
    boolean stale(String key) {
        return Files.isRegularFile(cellFile(key)) && !has(key);
    }

    ObjectNode get(String key) {
        try {
            return (ObjectNode) JSON.readTree(cellFile(key).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cell " + cellFile(key) + " (delete it to recompute): " + e.getMessage(), e);
        }
    }

    /** Runs the cells that have no result yet, in order; returns every cell's result. */
    List<ObjectNode> run(String stage, List<Cell> cells) {
        List<ObjectNode> out = new ArrayList<>(cells.size());
        int done = 0;
        long stageStart = System.nanoTime();
        int computedHere = 0;
        double secondsHere = 0;
        for (Cell c : cells) {
            done++;
            if (has(c.key())) {
                cachedCells++;
                out.add(get(c.key()));
                continue;
            }
            long start = System.nanoTime();
            log.printf(Locale.ROOT, "[%s %d/%d] %s%s%n", stage, done, cells.size(), c.label(),
                    stale(c.key()) ? " (its stored result was made by older code: recomputing)" : "");
            ObjectNode r = c.compute().get();
            double s = (System.nanoTime() - start) / 1e9;
            r.put("cell_seconds", s);
            put(c.key(), r);
            computedCells++;
            computedSeconds += s;
            computedHere++;
            secondsHere += s;
            int left = 0;
            for (Cell rest : cells.subList(done, cells.size())) {
                left += has(rest.key()) ? 0 : 1;
            }
            log.printf(Locale.ROOT, "[%s %d/%d] done in %.1f s; stage %.0f s so far, ETA %s%n", stage, done, cells.size(), s,
                    (System.nanoTime() - stageStart) / 1e9, left == 0 ? "0 s" : eta(secondsHere / computedHere * left));
            out.add(r);
        }
        return out;
    }

    /** The result of a single cell, computing it if needed. */
    ObjectNode run(String stage, Cell cell) {
        return run(stage, List.of(cell)).get(0);
    }

    void put(String key, ObjectNode value) {
        value.put(ResultsVersion.KEY, ResultsVersion.CURRENT);
        write(cellFile(key), value.toPrettyString() + "\n");
        valid.put(key, true);
    }

    void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (AtomicFiles f = new AtomicFiles()) {
                f.add(file, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
                f.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    double computedSeconds() {
        return computedSeconds;
    }

    int computedCells() {
        return computedCells;
    }

    int cachedCells() {
        return cachedCells;
    }

    static String eta(double seconds) {
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 5400) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
