package lid.estimators;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of one estimator column, parsed from the command-line form
 * {@code name:key=value:key=value} (e.g. {@code mle:k=20}, {@code lpca:ver=FO:alphaFO=0.05}) and
 * checked against the estimator's {@link OptionSpec}s: unknown keys, malformed values, values out
 * of range and words outside a choice list are errors that name the valid alternatives.
 *
 * <p>Every lookup falls back to the default ({@code skdimDefault} when {@code skdim=true}).
 * Immutable.
 */
public final class Options {
    /** The common switch every classical estimator has: mimic scikit-dimension 0.3.4's quirks. */
    public static final String SKDIM = "skdim";

    private final String spec;
    private final String name;
    private final Map<String, String> values;
    private final Map<String, OptionSpec> specs;

    private Options(String spec, String name, Map<String, String> values, Map<String, OptionSpec> specs) {
        this.spec = spec;
        this.name = name;
        this.values = Collections.unmodifiableMap(values);
        this.specs = Collections.unmodifiableMap(specs);
    }

    /** The estimator name of a spec ({@code "mle:k=20"} gives {@code "mle"}), lower-cased. */
    public static String nameOf(String spec) {
        String s = spec.strip();
        int colon = s.indexOf(':');
        return (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    }

    /** Parses and validates {@code spec} against the options an estimator accepts. */
    public static Options parse(String spec, List<OptionSpec> accepted) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty estimator name");
        }
        Map<String, OptionSpec> byKey = new LinkedHashMap<>();
        for (OptionSpec o : accepted) {
            if (byKey.put(o.key(), o) != null) {
                throw new IllegalStateException("option " + o.key() + " declared twice");
            }
        }
        String s = spec.strip();
        String name = nameOf(s);
        Map<String, String> values = new LinkedHashMap<>();
        String[] parts = s.split(":", -1);
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException("estimator '" + s + "': option '" + part
                        + "' must be key=value (e.g. " + name + ":" + example(accepted) + ")");
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            OptionSpec o = byKey.get(key);
            if (o == null) {
                throw new IllegalArgumentException("estimator '" + name + "' has no option '" + key + "'; valid: "
                        + usage(accepted));
            }
            if (values.containsKey(key)) {
                throw new IllegalArgumentException("estimator '" + s + "': option '" + key + "' given twice");
            }
            values.put(key, normalise(name, o, value));
        }
        return new Options(s, name, values, byKey);
    }

    /** "k=20, comb=mle, ..." for error messages and help. */
    public static String usage(List<OptionSpec> accepted) {
        if (accepted.isEmpty()) {
            return "(none)";
        }
        List<String> parts = new ArrayList<>();
        for (OptionSpec o : accepted) {
            parts.add(o.usage());
        }
        return String.join(", ", parts);
    }

    private static String example(List<OptionSpec> accepted) {
        for (OptionSpec o : accepted) {
            if (o.defaultValue() != null) {
                return o.key() + "=" + o.defaultValue();
            }
        }
        return "key=value";
    }

    /** Checks one value and returns its canonical text. */
    private static String normalise(String name, OptionSpec o, String value) {
        String where = "estimator '" + name + "', option " + o.key() + "=" + value + ": ";
        switch (o.type()) {
            case INT -> {
                long v;
                try {
                    v = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + "not a whole number");
                }
                checkRange(where, o, v);
                if (v != (int) v) {
                    throw new IllegalArgumentException(where + "too large");
                }
                return Long.toString(v);
            }
            case REAL -> {
                double v;
                try {
                    v = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + "not a number");
                }
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(where + "must be finite");
                }
                checkRange(where, o, v);
                return value;
            }
            case BOOL -> {
                return switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "1", "yes" -> "true";
                    case "false", "0", "no" -> "false";
                    default -> throw new IllegalArgumentException(where + "must be true or false");
                };
            }
            case TEXT -> {
                return value;
            }
            case CHOICE -> {
                for (String c : o.choices()) {
                    if (c.equalsIgnoreCase(value)) {
                        return c;
                    }
                }
                throw new IllegalArgumentException(where + "must be one of " + String.join(", ", o.choices()));
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void checkRange(String where, OptionSpec o, double v) {
        if (o.min() != null && v < o.min()) {
            throw new IllegalArgumentException(where + "must be >= " + fmt(o.min()));
        }
        if (o.max() != null && v > o.max()) {
            throw new IllegalArgumentException(where + "must be <= " + fmt(o.max()));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The spec exactly as given (whitespace stripped): the column name in results. */
    public String spec() {
        return spec;
    }

    /** The estimator name, lower-cased. */
    public String name() {
        return name;
    }

    /** Options given explicitly, canonical text, in the order written. */
    public Map<String, String> explicit() {
        return values;
    }

    /** True when the key was given explicitly. */
    public boolean isSet(String key) {
        spec(key);
        return values.containsKey(key);
    }

    /** The {@code skdim} compatibility switch (false when the estimator has none). */
    public boolean skdim() {
        return specs.containsKey(SKDIM) && flag(SKDIM);
    }

    public int integer(String key) {
        return Integer.parseInt(raw(key, OptionType.INT));
    }

    public double real(String key) {
        return Double.parseDouble(raw(key, OptionType.REAL));
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(raw(key, OptionType.BOOL));
    }

    public String choice(String key) {
        return raw(key, OptionType.CHOICE);
    }

    /** A free-text option. */
    public String text(String key) {
        return raw(key, OptionType.TEXT);
    }

    /** An integer option whose default depends on the data: the given value, or the fallback. */
    public int integerOr(String key, int fallback) {
        OptionSpec o = spec(key);
        if (values.containsKey(key) || (skdim() && o.skdimDefault() != null) || o.defaultValue() != null) {
            return integer(key);
        }
        return fallback;
    }

    private OptionSpec spec(String key) {
        OptionSpec o = specs.get(key);
        if (o == null) {
            throw new IllegalStateException("estimator '" + name + "' looked up undeclared option " + key);
        }
        return o;
    }

    private String raw(String key, OptionType type) {
        OptionSpec o = spec(key);
        if (o.type() != type) {
            throw new IllegalStateException("option " + key + " is " + o.type() + ", read as " + type);
        }
        String v = values.get(key);
        if (v == null && !SKDIM.equals(key) && skdim() && o.skdimDefault() != null) {
            v = o.skdimDefault();
        }
        if (v == null) {
            v = o.defaultValue();
        }
        if (v == null) {
            throw new IllegalStateException("option " + key + " of '" + name + "' has no default; use integerOr");
        }
        return v;
    }

    @Override
    public String toString() {
        return spec;
    }
}
