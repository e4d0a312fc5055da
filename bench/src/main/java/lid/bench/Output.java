package lid.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Benchmark output: one JSON object per line (--format json) or an aligned table at the end. */
abstract class Output {
    private static final ObjectMapper JSON = new ObjectMapper();

    abstract void row(Map<String, Object> row);

    abstract void finish();

    static Output of(String format) {
        return switch (format) {
            case "json" -> new Json();
            case "table" -> new Table();
            default -> throw new IllegalArgumentException("unknown --format '" + format + "'; valid: table, json");
        };
    }

    private static final class Json extends Output {
        @Override
        void row(Map<String, Object> row) {
            try {
                System.out.println(JSON.writeValueAsString(row));
                System.out.flush();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        void finish() {}
    }

    /** Prints each row as it comes (so long runs show progress), aligned by a fixed width. */
    private static final class Table extends Output {
        private final List<String> header = new ArrayList<>();

        @Override
        void row(Map<String, Object> row) {
            if (header.isEmpty()) {
                header.addAll(row.keySet());
                StringBuilder h = new StringBuilder();
                for (String k : header) {
                    h.append(String.format(Locale.ROOT, "%-14s ", k));
                }
                System.out.println(h.toString().stripTrailing());
            }
            StringBuilder line = new StringBuilder();
            for (String k : header) {
                Object v = row.get(k);
                String s = v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(v);
                line.append(String.format(Locale.ROOT, "%-14s ", s));
            }
            System.out.println(line.toString().stripTrailing());
            System.out.flush();
        }

        @Override
        void finish() {}
    }
}
