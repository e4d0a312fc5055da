package lid.bench.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table built row by row, with the number formats the reports use. */
final class Markdown {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Markdown(String... header) {
        this.header = List.of(header);
    }

    Markdown(List<String> header) {
        this.header = List.copyOf(header);
    }

    Markdown row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c instanceof Double d ? num(d) : String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    Markdown row(List<String> cells) {
        rows.add(List.copyOf(cells));
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        sb.append("---|".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    /** Two decimals below 100, none above; NaN as a dash. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A cell's MAE with its 95 % bootstrap interval, e.g. "1.23 (1.18–1.29)"; just the MAE for cells without one. */
    static String mae(com.fasterxml.jackson.databind.node.ObjectNode cell) {
        double v = cell.get("mae").asDouble(Double.NaN);
        var ci = cell.get("mae_ci95");
        if (ci == null || !ci.isArray() || !Double.isFinite(v)) {
            return num(v);
        }
        return num(v) + " (" + num(ci.get(0).asDouble()) + "–" + num(ci.get(1).asDouble()) + ")";
    }

    static String seconds(double s) {
        return s < 10 ? String.format(Locale.ROOT, "%.2f", s) : String.format(Locale.ROOT, "%.0f", s);
    }

    static String megabytes(double bytes) {
        double mb = bytes / 1e6;
        return mb < 10 ? String.format(Locale.ROOT, "%.2f", mb) : String.format(Locale.ROOT, "%.0f", mb);
    }
}
