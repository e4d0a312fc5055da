package lid.datasets.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parameters of one generator call: the values given in the SPEC over the declared defaults,
 * read with typed getters that fail with a message naming the generator, the key and the value.
 */
public final class Params {
    /** List items are separated by '-' except the '-' of an exponent (1e-4). */
    private static final Pattern LIST_SEPARATOR = Pattern.compile("(?<![eE])-");

    private final String generator;
    private final Map<String, ParamInfo> declared = new LinkedHashMap<>();
    private final Map<String, String> given;

    /** Fails, listing the valid keys, if a given key is not declared. */
    public Params(String generator, List<ParamInfo> declared, Map<String, String> given) {
        this.generator = generator;
        for (ParamInfo p : declared) {
            this.declared.put(p.name(), p);
        }
        for (String key : given.keySet()) {
            if (!this.declared.containsKey(key)) {
                String hint = "";
                for (String k : this.declared.keySet()) {
                    if (k.equalsIgnoreCase(key)) {
                        hint = " (keys are case-sensitive: did you mean " + k + "?)";
                    }
                }
                throw new IllegalArgumentException("unknown parameter '" + key + "' for " + generator + hint
                        + "; valid: " + String.join(", ", this.declared.keySet()));
            }
        }
        this.given = new LinkedHashMap<>(given);
    }

    public String generator() {
        return generator;
    }

    /** True if the SPEC gave this key. */
    public boolean isGiven(String key) {
        return given.containsKey(key);
    }

    /** True if the key has a value: given in the SPEC or declared with a default. */
    public boolean has(String key) {
        return raw(key) != null;
    }

    /** The text value (given or default), null when neither exists. */
    public String raw(String key) {
        ParamInfo info = declared.get(key);
        if (info == null) {
            throw new IllegalStateException(generator + " reads undeclared parameter " + key);
        }
        String v = given.get(key);
        return v != null ? v : info.defaultValue();
    }

    private String required(String key) {
        String v = raw(key);
        if (v == null) {
            throw new IllegalStateException(generator + ": parameter " + key + " has no value and no default");
        }
        return v;
    }

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

    /** The integer value, or fallback when the key has neither a given value nor a default. */
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
            throw bad(key, raw(key), "a number >= " + min);
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
        String v = required(key).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw bad(key, v, "true or false");
        };
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
     * SPECs with the same canonical text describe the same distribution.
     */
    public String canonical(java.util.Set<String> skip) {
        StringBuilder b = new StringBuilder(generator.toLowerCase(Locale.ROOT));
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

    /** An error about this generator's parameters that is not about one value's syntax. */
    public IllegalArgumentException error(String message) {
        return new IllegalArgumentException(generator + ": " + message);
    }

    private IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException(generator + ": parameter " + key + " must be " + expected
                + ", got '" + value + "'");
    }
}
