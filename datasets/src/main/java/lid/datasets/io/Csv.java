package lid.datasets.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Comma-separated numeric tables: an optional header row (detected when a field of the first
 * row is not a number), blank lines and lines starting with '#' skipped. Columns named "lid" and
 * "component" (case-insensitive) are labels, the others data.
 */
public final class Csv {
    private Csv() {}

    /** A table read from CSV: data [rows, cols] row-major, label columns (null when absent). */
    public record Table(int rows, int cols, double[] data, List<String> columns, int[] lid, int[] component) {}

    public static Table read(Path path) throws IOException {
        List<String> header = null;
        List<double[]> rows = new ArrayList<>();
        int fields = -1;
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split(",", -1);
                if (fields < 0) {
                    fields = parts.length;
                    if (!allNumbers(parts)) {
                        header = new ArrayList<>();
                        for (String p : parts) {
                            header.add(unquote(p.strip()));
                        }
                        continue;
                    }
                }
                if (parts.length != fields) {
                    throw new IllegalArgumentException(path + ": line " + lineNo + " has " + parts.length
                            + " fields, expected " + fields + " like the first line");
                }
                double[] v = new double[fields];
                for (int j = 0; j < fields; j++) {
                    String s = parts[j].strip();
                    try {
                        v[j] = number(s);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(path + ": line " + lineNo + ", column " + (j + 1)
                                + ": '" + s + "' is not a number");
                    }
                }
                rows.add(v);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(path + ": no data rows");
        }
        if (header == null) {
            header = new ArrayList<>();
            for (int j = 0; j < fields; j++) {
                header.add("x" + j);
            }
        }
        int lidCol = header.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList().indexOf("lid");
        int compCol = header.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList().indexOf("component");
        int cols = fields - (lidCol >= 0 ? 1 : 0) - (compCol >= 0 ? 1 : 0);
        if (cols < 1) {
            throw new IllegalArgumentException(path + ": no data columns besides lid/component");
        }
        int n = rows.size();
        double[] data = new double[n * cols];
        int[] lid = lidCol >= 0 ? new int[n] : null;
        int[] comp = compCol >= 0 ? new int[n] : null;
        List<String> dataColumns = new ArrayList<>();
        for (int j = 0; j < fields; j++) {
            if (j != lidCol && j != compCol) {
                dataColumns.add(header.get(j));
            }
        }
        for (int i = 0; i < n; i++) {
            double[] v = rows.get(i);
            int c = 0;
            for (int j = 0; j < fields; j++) {
                if (j == lidCol) {
                    lid[i] = label(v[j], path, i, "lid");
                } else if (j == compCol) {
                    comp[i] = label(v[j], path, i, "component");
                } else {
                    data[i * cols + c++] = v[j];
                }
            }
        }
        return new Table(n, cols, data, dataColumns, lid, comp);
    }

    /** Writes a header x0..x(D-1)[,lid,component] and one row per point (shortest round-trip floats). */
    public static void write(Writer w, float[] x, int n, int dim, int[] lid, int[] component) throws IOException {
        StringBuilder h = new StringBuilder();
        for (int j = 0; j < dim; j++) {
            h.append(j == 0 ? "" : ",").append('x').append(j);
        }
        if (lid != null) {
            h.append(",lid");
        }
        if (component != null) {
            h.append(",component");
        }
        w.write(h.append('\n').toString());
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < n; i++) {
            row.setLength(0);
            for (int j = 0; j < dim; j++) {
                row.append(j == 0 ? "" : ",").append(x[i * dim + j]);
            }
            if (lid != null) {
                row.append(',').append(lid[i]);
            }
            if (component != null) {
                row.append(',').append(component[i]);
            }
            w.write(row.append('\n').toString());
        }
    }

    private static int label(double v, Path path, int row, String what) {
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(path + ": data row " + (row + 1) + ": " + what + " must be an integer, got " + v);
        }
        return (int) v;
    }

    private static boolean allNumbers(String[] parts) {
        for (String p : parts) {
            try {
                number(p.strip());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /** A number, also numpy's spellings nan, inf, -inf. */
    static double number(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "nan", "-nan", "+nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
