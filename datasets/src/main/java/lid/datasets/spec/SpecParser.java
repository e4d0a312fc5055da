package lid.datasets.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the SPEC syntax of DESIGN.md: {@code name} or {@code name:key=value,key=value}; a union
 * of several generators is written {@code SPEC+SPEC+...}. Names and keys are identifiers; values
 * are non-empty and may not contain {@code , = : +} except a '+' inside a number such as 1e+3.
 */
public final class SpecParser {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.+\\-]+");
    /** A '+' between parts: any '+' but the sign of an exponent such as 1e+3. */
    private static final Pattern UNION = Pattern.compile("(?<![0-9.][eE])\\+");

    private SpecParser() {}

    /** The parts of a SPEC (one for a plain SPEC, several for a union). */
    public static List<Spec> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty dataset SPEC; expected name or name:key=value,...,"
                    + " e.g. sphere:d=2 (see 'lid datasets list')");
        }
        String[] parts = UNION.split(text.strip(), -1);
        List<Spec> specs = new ArrayList<>();
        for (String part : parts) {
            specs.add(parseOne(part.strip(), text));
        }
        return specs;
    }

    /** Parses one part (no union). */
    public static Spec parseOne(String part, String whole) {
        if (part.isEmpty()) {
            throw malformed(whole, "an empty part (two '+' in a row, or a '+' at an end)");
        }
        int colon = part.indexOf(':');
        String name = colon < 0 ? part : part.substring(0, colon).strip();
        if (!IDENT.matcher(name).matches()) {
            throw malformed(whole, "generator name '" + name + "' is not a name (letters, digits, '_', starting with a letter)");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (colon >= 0) {
            String body = part.substring(colon + 1);
            if (body.isBlank()) {
                throw malformed(whole, "nothing after ':' (write '" + name + "' alone, or key=value pairs after ':')");
            }
            for (String pair : body.split(",", -1)) {
                String kv = pair.strip();
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw malformed(whole, "expected key=value, got '" + kv + "'");
                }
                String key = kv.substring(0, eq).strip();
                String value = kv.substring(eq + 1).strip();
                if (!IDENT.matcher(key).matches()) {
                    throw malformed(whole, "'" + key + "' is not a parameter name (in '" + kv + "')");
                }
                if (!VALUE.matcher(value).matches()) {
                    throw malformed(whole, "bad value '" + value + "' for " + key
                            + " (values are numbers, words or dash-separated lists like 2-4-8)");
                }
                if (params.put(key, value) != null) {
                    throw malformed(whole, "parameter " + key + " is given twice");
                }
            }
        }
        return new Spec(name, params);
    }

    private static IllegalArgumentException malformed(String whole, String why) {
        return new IllegalArgumentException("malformed dataset SPEC '" + whole + "': " + why
                + "; expected name or name:key=value,key=value (e.g. sphere:d=16,D=64,embed=rotate)");
    }
}
