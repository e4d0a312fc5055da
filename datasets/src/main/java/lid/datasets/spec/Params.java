package lid.datasets.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The options of one SPEC (a dataset generator, an architecture, a noise process or an
 * estimator) checked against what its owner declares ({@link ParamInfo}): unknown keys are
 * refused listing the valid ones with their defaults and ranges, typed options are checked and put
 * in normal form at once, and the typed getters read every value (given, else the default; for an
 * estimator under {@code skdim=true}, the skdim default first). Every error has one style:
 * {@code <kind> '<name>', option <key>=<value>: must be <what>} or
 * {@code <kind> '<name>' has no option '<key>'; valid: ...}. Immutable.
 */
public final class Params {
    /** The switch every classical estimator has: mimic scikit-dimension 0.3.4's quirks. */
    public static final String SKDIM = "skdim";
    /** List items are separated by '-' except the '-' of an exponent (1e-4). */
    private static final Pattern LIST_SEPARATOR = Pattern.compile("(?<![eE])-");

    private final String kind;
    private final String name;
    private final String spec;
    private final Map<String, ParamInfo> declared = new LinkedHashMap<>();
    private final Map<String, String> given;

    /**
     * Checks the given options of {@code name} (a {@code kind}: "dataset generator", "estimator",
     * ...) against the declared ones; {@code spec} is the text as written (an estimator's column name).
     */
    public Params(String kind, String name, String spec, List<ParamInfo> declared, Map<String, String> given) {
        this.kind = kind;
        this.name = name;
        this.spec = spec;
        for (ParamInfo p : declared) {
            if (this.declared.put(p.name(), p) != null) {
                throw new IllegalStateException(kind + " " + name + " declares option " + p.name() + " twice");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            ParamInfo p = this.declared.get(e.getKey());
            if (p == null) {
                throw unknown(e.getKey());
            }
            values.put(e.getKey(), normalise(p, e.getValue()));
        }
        this.given = Collections.unmodifiableMap(values);
    }

    /** A dataset generator's options (the kind most SPECs are). */
    public Params(String generator, List<ParamInfo> declared, Map<String, String> given) {
        this("dataset generator", generator, generator, declared, given);
    }

    /** Parses {@code text} ({@code name:key=value...}) for an owner of this kind and name, checking its options. */
    public static Params parse(String kind, String text, List<ParamInfo> declared) {
        Spec s = SpecParser.parseOne(text, kind);
        return new Params(kind, s.name().toLowerCase(Locale.ROOT), text.strip(), declared, s.params());
    }

    /** "k=20 (>= 1), ver=a (a|b), ..." for error messages and help. */
    public static String usage(List<ParamInfo> declared) {
        if (declared.isEmpty()) {
            return "(none)";
        }
        List<String> parts = new ArrayList<>();
        for (ParamInfo p : declared) {
            parts.add(p.usage());
        }
        return String.join(", ", parts);
    }

    private IllegalArgumentException unknown(String key) {
        String hint = "";
        for (String k : declared.keySet()) {
            if (k.equalsIgnoreCase(key)) {
                hint = " (keys are case-sensitive: did you mean " + k + "?)";
            }
        }
        return new IllegalArgumentException(kind + " '" + name + "' has no option '" + key + "'" + hint + "; valid: "
                + usage(List.copyOf(declared.values())));
    }

    /** Checks one value of a typed option and returns its normal form; TEXT values are kept as written. */
    private String normalise(ParamInfo p, String value) {
        switch (p.type()) {
            case INT -> {
                long v;
                try {
                    v = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw bad(p.name(), value, "a whole number");
                }
                checkRange(p, value, v);
                if (v != (int) v) {
                    throw bad(p.name(), value, "at most " + Integer.MAX_VALUE);
                }
                return Long.toString(v);
            }
            case REAL -> {
                double v;
                try {
                    v = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw bad(p.name(), value, "a number");
                }
                if (!Double.isFinite(v)) {
                    throw bad(p.name(), value, "a finite number");
                }
                checkRange(p, value, v);
                return value;
            }
            case BOOL -> {
                return Boolean.toString(parseBool(p.name(), value));
            }
            case CHOICE -> {
                for (String c : p.choices()) {
                    if (c.equalsIgnoreCase(value)) {
                        return c;
                    }
                }
                throw bad(p.name(), value, "one of " + String.join(", ", p.choices()));
            }
            default -> {
                return value;
            }
        }
    }

    private void checkRange(ParamInfo p, String value, double v) {
        if (p.min() != null && v < p.min()) {
            throw bad(p.name(), value, (p.type() == ParamType.INT ? "an integer" : "a number") + " >= " + fmt(p.min()));
        }
        if (p.max() != null && v > p.max()) {
            throw bad(p.name(), value, (p.type() == ParamType.INT ? "an integer" : "a number") + " <= " + fmt(p.max()));
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    // ---- what was parsed ----------------------------------------------------------------------

    /** The owner's name (a generator as registered; an estimator or architecture lower-cased). */
    public String name() {
        return name;
    }

    /** The generator's name (datasets' own word for {@link #name()}). */
    public String generator() {
        return name;
    }

    /** The SPEC as written (whitespace stripped): an estimator's column name. */
    public String spec() {
        return spec;
    }

    /** Options given explicitly, in normal form, in the order written. */
    public Map<String, String> explicit() {
        return given;
    }

    /** True if the SPEC gave this key. */
    public boolean isGiven(String key) {
        info(key);
        return given.containsKey(key);
    }

    /** The same as {@link #isGiven}. */
    public boolean isSet(String key) {
        return isGiven(key);
    }

    /** True if the key has a value: given or declared with a default. */
    public boolean has(String key) {
        return raw(key) != null;
    }

    /** The {@code skdim} compatibility switch (false when the owner has none). */
    public boolean skdim() {
        return declared.containsKey(SKDIM) && bool(SKDIM);
    }

    /** The text value: given, else the skdim default under skdim=true, else the default; null when none exists. */
    public String raw(String key) {
        ParamInfo info = info(key);
        String v = given.get(key);
        if (v == null && !SKDIM.equals(key) && info.skdimDefault() != null && skdim()) {
            v = info.skdimDefault();
        }
        return v != null ? v : info.defaultValue();
    }

    private ParamInfo info(String key) {
        ParamInfo info = declared.get(key);
        if (info == null) {
            throw new IllegalStateException(kind + " " + name + " reads undeclared option " + key);
        }
        return info;
    }

    private String required(String key) {
        String v = raw(key);
        if (v == null) {
            throw new IllegalStateException(kind + " " + name + ": option " + key + " has no value and no default");
        }
        return v;
    }

    // ---- typed getters ------------------------------------------------------------------------

    public int integer(String key) {
        String v = required(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer");
        }
    }

    /** An integer >= min. */
    public int integer(String key, int min) {
        int v = integer(key);
        if (v < min) {
            throw bad(key, raw(key), "an integer >= " + min);
        }
        return v;
    }

    /** The integer value, or fallback when the key has no given value and no default (a data-dependent default). */
    public int integerOr(String key, int fallback) {
        return has(key) ? integer(key) : fallback;
    }

    public double real(String key) {
        String v = required(key);
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw bad(key, v, "a finite number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(key, v, "a number");
        }
    }

    /** A number >= min. */
    public double real(String key, double min) {
        double v = real(key);
        if (v < min) {
            throw bad(key, raw(key), "a number >= " + fmt(min));
        }
        return v;
    }

    /** A number > 0. */
    public double positive(String key) {
        double v = real(key);
        if (v <= 0) {
            throw bad(key, raw(key), "a number > 0");
        }
        return v;
    }

    public boolean bool(String key) {
        return parseBool(key, required(key));
    }

    /** The same as {@link #bool}: an estimator's word for a switch. */
    public boolean flag(String key) {
        return bool(key);
    }

    private boolean parseBool(String key, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw bad(key, v, "true or false");
        };
    }

    /** A CHOICE option's value (already one of its words). */
    public String choice(String key) {
        return required(key);
    }

    /** One of the given words (case-insensitive); returns the matching word as listed. */
    public String choice(String key, String... options) {
        String v = required(key);
        for (String o : options) {
            if (o.equalsIgnoreCase(v)) {
                return o;
            }
        }
        throw bad(key, v, "one of " + String.join(", ", options));
    }

    /** A free-text option. */
    public String text(String key) {
        return required(key);
    }

    /** A dash-separated list of integers, each >= min (e.g. dims=2-4-8). */
    public int[] intList(String key, int min) {
        String v = required(key);
        List<Integer> out = new ArrayList<>();
        for (String item : LIST_SEPARATOR.split(v, -1)) {
            try {
                int x = Integer.parseInt(item);
                if (x < min) {
                    throw bad(key, v, "a dash-separated list of integers >= " + min + " (like 2-4-8)");
                }
                out.add(x);
            } catch (NumberFormatException e) {
                throw bad(key, v, "a dash-separated list of integers (like 2-4-8)");
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A dash-separated list of non-negative numbers (e.g. eigenvalues=1-1-1e-4). */
    public double[] realList(String key) {
        String v = required(key);
        List<Double> out = new ArrayList<>();
        for (String item : LIST_SEPARATOR.split(v, -1)) {
            try {
                double x = Double.parseDouble(item);
                if (!Double.isFinite(x) || x < 0) {
                    throw bad(key, v, "a dash-separated list of numbers >= 0 (like 1-1-1e-4)");
                }
                out.add(x);
            } catch (NumberFormatException e) {
                throw bad(key, v, "a dash-separated list of numbers (like 1-1-1e-4)");
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Every declared key with its value (given or default) in declaration order, values in a
     * normal form (numbers as plain decimals, words in lower case), leaving out {@code skip}: two
     * SPECs with the same canonical text describe the same thing.
     */
    public String canonical(java.util.Set<String> skip) {
        StringBuilder b = new StringBuilder(name.toLowerCase(Locale.ROOT));
        char sep = ':';
        for (String key : declared.keySet()) {
            String v = raw(key);
            if (v == null || skip.contains(key)) {
                continue;
            }
            b.append(sep).append(key).append('=').append(normalValue(v));
            sep = ',';
        }
        return b.toString();
    }

    private static String normalValue(String v) {
        StringBuilder out = new StringBuilder();
        for (String item : LIST_SEPARATOR.split(v, -1)) {
            if (out.length() > 0) {
                out.append('-');
            }
            try {
                out.append(new java.math.BigDecimal(item).stripTrailingZeros().toPlainString());
            } catch (NumberFormatException e) {
                String w = item.toLowerCase(Locale.ROOT);
                out.append(switch (w) {
                    case "yes", "on" -> "true";
                    case "no", "off" -> "false";
                    default -> w;
                });
            }
        }
        return out.toString();
    }

    /** An error about these options that is not about one value's syntax. */
    public IllegalArgumentException error(String message) {
        return new IllegalArgumentException(kind + " '" + name + "': " + message);
    }

    private IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException(kind + " '" + name + "', option " + key + "=" + value + ": must be " + expected);
    }

    @Override
    public String toString() {
        return spec;
    }
}
