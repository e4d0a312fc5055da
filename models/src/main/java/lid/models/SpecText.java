package lid.models;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One {@code name:key=value,key=value} string (an ARCH or a noise process), split into its name
 * and its options in written order; values stay text (typed reading: {@link lid.datasets.spec.Params}).
 */
public record SpecText(String name, Map<String, String> options) {
    public SpecText {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Parses {@code what} (used in messages, e.g. "ARCH"). */
    public static SpecText parse(String text, String what, String example) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty " + what + "; expected name or name:key=value,... (e.g. " + example + ")");
        }
        String s = text.strip();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(java.util.Locale.ROOT);
        Map<String, String> opts = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String pair : s.substring(colon + 1).split(",", -1)) {
                String kv = pair.strip();
                int eq = kv.indexOf('=');
                if (eq <= 0 || eq == kv.length() - 1) {
                    throw new IllegalArgumentException("malformed " + what + " '" + text + "': expected key=value, got '" + kv
                            + "' (e.g. " + example + ")");
                }
                if (opts.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip()) != null) {
                    throw new IllegalArgumentException("malformed " + what + " '" + text + "': option "
                            + kv.substring(0, eq).strip() + " given twice");
                }
            }
        }
        return new SpecText(name, opts);
    }

    @Override
    public String toString() {
        return options.isEmpty() ? name : name + ":" + options.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
