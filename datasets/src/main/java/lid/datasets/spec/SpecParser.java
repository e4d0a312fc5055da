package lid.datasets.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one parser of SPECs: datasets ({@code sphere:d=16,D=64}, unions {@code SPEC+SPEC}),
 * architectures ({@code mlp:widths=512-512,ln=true}), noise processes ({@code vp:bmin=0.1}) and
 * estimators ({@code flipd:t0=knee:probes=8}). Grammar: {@code name} or
 * {@code name:key=value((,|:)key=value)*}: options are separated by ',' (the form datasets,
 * architectures and processes are written in) or ':' (the form of estimators, whose lists are
 * themselves comma-separated); both forms are accepted everywhere. Names are a letter then letters,
 * digits, '_' or '-'; keys are identifiers; values are non-empty and may not contain
 * {@code , = : +} except a '+' inside a number such as 1e+3. Checking keys and values against what
 * an owner declares is {@link Params}'s job.
 */
public final class SpecParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.+\\-]+");
    /** A '+' between parts: any '+' but the sign of an exponent such as 1e+3. */
    private static final Pattern UNION = Pattern.compile("(?<![0-9.][eE])\\+");
    private static final Pattern OPTION_SEPARATOR = Pattern.compile("[,:]");

    private SpecParser() {}

    /** The parts of a dataset SPEC (one for a plain SPEC, several for a union). */
    public static List<Spec> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty dataset SPEC; expected name or name:key=value,...,"
                    + " e.g. sphere:d=2 (see 'lid datasets list')");
        }
        String[] parts = UNION.split(text.strip(), -1);
        List<Spec> specs = new ArrayList<>();
        for (String part : parts) {
            if (part.isBlank()) {
                throw malformed("dataset SPEC", text, "an empty part (two '+' in a row, or a '+' at an end)");
            }
            specs.add(parseOne(part.strip(), "dataset SPEC", text));
        }
        return specs;
    }

    /** One SPEC of an owner of this kind ("architecture", "noise process", "estimator", ...), no union. */
    public static Spec parseOne(String text, String kind) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty " + kind + "; expected name or name:key=value,...");
        }
        return parseOne(text.strip(), kind, text);
    }

    /** The name of a SPEC, lower-cased ({@code "mle:k=20"} gives {@code "mle"}). */
    public static String nameOf(String text) {
        String s = text.strip();
        int colon = s.indexOf(':');
        return (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    }

    private static Spec parseOne(String part, String kind, String whole) {
        int colon = part.indexOf(':');
        String name = colon < 0 ? part : part.substring(0, colon).strip();
        if (!NAME.matcher(name).matches()) {
            throw malformed(kind, whole, "'" + name + "' is not a name (letters, digits, '_' or '-', starting with a letter)");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (colon >= 0) {
            String body = part.substring(colon + 1);
            if (body.isBlank()) {
                throw malformed(kind, whole, "nothing after ':' (write '" + name + "' alone, or key=value pairs after ':')");
            }
            for (String pair : OPTION_SEPARATOR.split(body, -1)) {
                String kv = pair.strip();
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw malformed(kind, whole, "expected key=value, got '" + kv + "'");
                }
                String key = kv.substring(0, eq).strip();
                String value = kv.substring(eq + 1).strip();
                if (!KEY.matcher(key).matches()) {
                    throw malformed(kind, whole, "'" + key + "' is not an option name (in '" + kv + "')");
                }
                if (!VALUE.matcher(value).matches()) {
                    throw malformed(kind, whole, "bad value '" + value + "' for " + key
                            + " (values are numbers, words or dash-separated lists like 2-4-8)");
                }
                if (params.put(key, value) != null) {
                    throw malformed(kind, whole, "option " + key + " is given twice");
                }
            }
        }
        return new Spec(name, params);
    }

    private static IllegalArgumentException malformed(String kind, String whole, String why) {
        return new IllegalArgumentException("malformed " + kind + " '" + whole + "': " + why
                + "; expected name or name:key=value,key=value (e.g. " + example(kind) + ")");
    }

    private static String example(String kind) {
        return switch (kind) {
            case "estimator" -> "mle:k=20 or flipd:t0=knee:probes=8";
            case "architecture" -> "mlp:widths=512-512,ln=true";
            case "noise process" -> "vp:bmin=0.1,bmax=20";
            default -> "sphere:d=16,D=64,embed=rotate";
        };
    }
}
