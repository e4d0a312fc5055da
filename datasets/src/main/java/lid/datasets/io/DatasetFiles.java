package lid.datasets.io;

import lid.kernels.io.AtomicFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import lid.datasets.Dataset;

/**
 * A dataset on disk. {@code save(ds, "PATH.npy")} writes PATH.npy (float32 [n, D]), PATH.lid.npy
 * (int32 [n]), PATH.component.npy (int32 [n]) and PATH.json (spec, seed, n, D, components);
 * {@code save(ds, "PATH.csv")} writes PATH.csv (x0..x(D-1), lid, component) and PATH.json. All files
 * appear together or not at all. {@code load} reads a user's .npy or .csv, with the label files
 * beside it when they exist.
 */
public final class DatasetFiles {
    private DatasetFiles() {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The files a save to {@code out} writes, data file first. */
    public static List<Path> outputs(Path out) {
        String base = base(out);
        Path dir = out.toAbsolutePath().getParent();
        if (isCsv(out)) {
            return List.of(dir.resolve(base + ".csv"), dir.resolve(base + ".json"));
        }
        return List.of(dir.resolve(base + ".npy"), dir.resolve(base + ".lid.npy"), dir.resolve(base + ".component.npy"),
                dir.resolve(base + ".json"));
    }

    /**
     * Writes the files of {@link #outputs}; unlabelled data (no true LID, e.g. a user's file
     * converted) gets no LID labels at all (no PATH.lid.npy, no CSV lid column), never -1s.
     */
    public static void save(Dataset ds, Path out) throws IOException {
        List<Path> files = outputs(out);
        boolean labelled = ds.hasGroundTruth();
        try (AtomicFiles batch = new AtomicFiles()) {
            if (isCsv(out)) {
                batch.add(files.get(0), o -> {
                    Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
                    Csv.write(w, ds.x(), ds.n(), ds.dim(), labelled ? ds.lid() : null, ds.component());
                    w.flush();
                });
            } else {
                batch.add(files.get(0), o -> Npy.writeFloat32(o, ds.x(), ds.n(), ds.dim()));
                if (labelled) {
                    batch.add(files.get(1), o -> Npy.writeInt32(o, ds.lid(), ds.n()));
                }
                batch.add(files.get(2), o -> Npy.writeInt32(o, ds.component(), ds.n()));
            }
            batch.add(files.get(files.size() - 1), o -> {
                o.write(JSON.writeValueAsBytes(describe(ds, files.get(0))));
                o.write('\n');
            });
            batch.commit();
        }
        if (!labelled && !isCsv(out)) {
            Files.deleteIfExists(files.get(1)); // an older label file must not label these points
        }
    }

    /**
     * The distribution a data file was drawn from, as written in its PATH.json by lid datasets
     * generate (the canonical SPEC text), or null when the file has no such description.
     */
    public static String distribution(Path dataFile) {
        String name = dataFile.getFileName().toString();
        if (!isNpy(dataFile) && !isCsv(dataFile)) {
            return null;
        }
        Path json = dataFile.resolveSibling(name.substring(0, name.length() - 4) + ".json");
        try {
            var node = JSON.readTree(json.toFile()).get("distribution");
            return node == null || !node.isTextual() ? null : node.asText();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The JSON description: spec, distribution, seed, n, D, dtype, files, components (id, lid, count), image. */
    public static Map<String, Object> describe(Dataset ds, Path dataFile) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spec", ds.spec());
        if (!ds.spec().toLowerCase(Locale.ROOT).endsWith(".npy") && !ds.spec().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            // which distribution the points were drawn from, in normal form (compared by lid estimate)
            m.put("distribution", lid.datasets.generators.GeneratorRegistry.standard().canonical(ds.spec()));
        }
        m.put("seed", ds.seed());
        m.put("n", ds.n());
        m.put("D", ds.dim());
        m.put("dtype", "float32");
        m.put("data", dataFile.getFileName().toString());
        List<Map<String, Object>> components = new ArrayList<>();
        TreeMap<Integer, TreeMap<Integer, Integer>> lids = new TreeMap<>();
        for (int i = 0; i < ds.n(); i++) {
            lids.computeIfAbsent(ds.component()[i], k -> new TreeMap<>()).merge(ds.lid()[i], 1, Integer::sum);
        }
        for (var e : lids.entrySet()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("component", e.getKey());
            var byLid = e.getValue();
            c.put("lid", byLid.size() == 1 ? byLid.firstKey() : List.copyOf(byLid.keySet()));
            c.put("count", byLid.values().stream().mapToInt(Integer::intValue).sum());
            components.add(c);
        }
        m.put("components", components);
        if (ds.image() != null) {
            m.put("image", Map.of("channels", ds.image().channels(), "height", ds.image().height(), "width", ds.image().width()));
        }
        return m;
    }

    /**
     * Reads a user's data file. n <= 0 or n >= rows keeps every row, otherwise the first n. LID
     * labels come from PATH.lid.npy / PATH.component.npy beside a .npy, or from the lid / component
     * columns of a CSV; missing LIDs are -1 (unknown) and missing components 0.
     */
    public static Dataset load(Path path, int n, long seed) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("data file " + path + " does not exist");
        }
        int rows;
        int cols;
        float[] x;
        int[] lid;
        int[] comp;
        if (isCsv(path)) {
            Csv.Table t = Csv.read(path);
            rows = t.rows();
            cols = t.cols();
            x = new float[rows * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) t.data()[i];
            }
            lid = t.lid();
            comp = t.component();
            checkFinite(path, t.data(), cols);
        } else if (isNpy(path)) {
            NpyArray a = Npy.read(path);
            if (a.shape().length != 2) {
                throw new IllegalArgumentException(path + ": expected a 2-D array [n, D] of points, got shape "
                        + Npy.shapeText(a.shape()) + (a.shape().length == 1 ? " (reshape a single feature with x[:, None])" : ""));
            }
            rows = a.shape()[0];
            cols = a.shape()[1];
            if (cols < 1) {
                throw new IllegalArgumentException(path + ": the array has no columns");
            }
            checkFinite(path, a, cols);
            x = a.toFloats();
            String base = base(path);
            Path dir = path.toAbsolutePath().getParent();
            lid = labels(dir.resolve(base + ".lid.npy"), rows);
            comp = labels(dir.resolve(base + ".component.npy"), rows);
        } else {
            throw new IllegalArgumentException("cannot read " + path + ": data files must end with .npy or .csv");
        }
        if (rows == 0) {
            throw new IllegalArgumentException(path + ": no points (0 rows)");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(path + ": row " + (i / cols + 1) + ", column " + (i % cols + 1)
                        + " overflows float32 (" + "|value| > 3.4e38); rescale the data");
            }
        }
        checkLabels(path, lid, cols, "LID", cols);
        checkLabels(path, comp, cols, "component", Integer.MAX_VALUE);
        int keep = n <= 0 || n >= rows ? rows : n;
        if (lid == null) {
            lid = new int[rows];
            Arrays.fill(lid, -1);
        }
        if (comp == null) {
            comp = new int[rows];
        }
        if (keep < rows) {
            x = Arrays.copyOf(x, keep * cols);
            lid = Arrays.copyOf(lid, keep);
            comp = Arrays.copyOf(comp, keep);
        }
        return new Dataset(path.toString(), seed, keep, cols, x, lid, comp, null, null);
    }

    /** A label file [rows] of int32/int64 (or integral floats), or null when it does not exist. */
    private static int[] labels(Path file, int rows) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        NpyArray a = Npy.read(file);
        if (a.shape().length != 1 || a.shape()[0] != rows) {
            throw new IllegalArgumentException(file + ": expected a 1-D array of " + rows + " labels (one per row of the data), got shape "
                    + Npy.shapeText(a.shape()));
        }
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            double v = a.get(i);
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(file + ": row " + (i + 1) + ": the label must be an integer, got " + v);
            }
            out[i] = (int) v;
        }
        return out;
    }

    /**
     * LID labels must lie in 0..D and components must be >= 0 (a file without labels is simply
     * unlabelled; -1 or D + 1 in a label file is an error, never scored).
     */
    private static void checkLabels(Path path, int[] labels, int cols, String what, int max) {
        if (labels == null) {
            return;
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > max) {
                throw new IllegalArgumentException(path + ": the " + what + " label of row " + (i + 1) + " is " + labels[i]
                        + (what.equals("LID") ? "; a LID must lie in 0.." + max + " (the data has D = " + cols + " columns)"
                        : "; components are numbered from 0")
                        + (isCsv(path) ? ". Fix the labels, or remove the " + (what.equals("LID") ? "lid" : "component")
                        + " column to treat the data as unlabelled" : ". Fix the labels, or remove the label file to treat the data "
                        + "as unlabelled"));
            }
        }
    }

    private static void checkFinite(Path path, NpyArray a, int cols) {
        if (a.dtype() == NpyArray.Dtype.INT32 || a.dtype() == NpyArray.Dtype.INT64) {
            return;
        }
        int n = (int) a.size();
        for (int i = 0; i < n; i++) {
            double v = a.get(i);
            if (!Double.isFinite(v)) {
                throw nonFinite(path, i / cols, i % cols, v);
            }
        }
    }

    private static void checkFinite(Path path, double[] data, int cols) {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw nonFinite(path, i / cols, i % cols, data[i]);
            }
        }
    }

    private static IllegalArgumentException nonFinite(Path path, int row, int col, double v) {
        return new IllegalArgumentException(path + ": row " + (row + 1) + ", column " + (col + 1) + " is " + v
                + "; the data must be finite (remove or impute rows with NaN/Inf)");
    }

    public static boolean isNpy(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    public static boolean isCsv(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** The file name without .npy / .csv. */
    private static String base(Path p) {
        String name = p.getFileName().toString();
        if (!isNpy(p) && !isCsv(p)) {
            throw new IllegalArgumentException("output " + p + " must end with .npy or .csv");
        }
        return name.substring(0, name.length() - 4);
    }
}
