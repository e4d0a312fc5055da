package lid.estimators;

import java.util.List;
import java.util.Objects;

/**
 * One option an estimator accepts, as written after its name: {@code name:key=value}.
 *
 * @param key          the key (case-sensitive, e.g. {@code k}, {@code alphaFO}, {@code D})
 * @param type         value type
 * @param defaultValue the default as text; null when the default depends on the data (the
 *                     description says what, e.g. "the ambient dimension")
 * @param skdimDefault the default when {@code skdim=true}, or null when it is the same
 * @param choices      the allowed words of a {@link OptionType#CHOICE} option, else empty
 * @param min          smallest allowed value of a numeric option (inclusive), or null
 * @param max          largest allowed value of a numeric option (inclusive), or null
 * @param description  one line for the help text
 */
public record OptionSpec(String key, OptionType type, String defaultValue, String skdimDefault,
                         List<String> choices, Double min, Double max, String description) {
    public OptionSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (type == OptionType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice option " + key + " needs its choices");
        }
    }

    public static OptionSpec integer(String key, String defaultValue, String description) {
        return new OptionSpec(key, OptionType.INT, defaultValue, null, List.of(), null, null, description);
    }

    public static OptionSpec real(String key, String defaultValue, String description) {
        return new OptionSpec(key, OptionType.REAL, defaultValue, null, List.of(), null, null, description);
    }

    public static OptionSpec flag(String key, String defaultValue, String description) {
        return new OptionSpec(key, OptionType.BOOL, defaultValue, null, List.of(), null, null, description);
    }

    public static OptionSpec choice(String key, String defaultValue, String description, String... choices) {
        return new OptionSpec(key, OptionType.CHOICE, defaultValue, null, List.of(choices), null, null, description);
    }

    /** Free text, interpreted by the estimator (it reports bad values itself). */
    public static OptionSpec text(String key, String defaultValue, String description) {
        return new OptionSpec(key, OptionType.TEXT, defaultValue, null, List.of(), null, null, description);
    }

    /** The same option with an allowed range (inclusive; null = unbounded). */
    public OptionSpec range(Double lo, Double hi) {
        return new OptionSpec(key, type, defaultValue, skdimDefault, choices, lo, hi, description);
    }

    /** The same option with a different default under {@code skdim=true}. */
    public OptionSpec skdim(String value) {
        return new OptionSpec(key, type, defaultValue, value, choices, min, max, description);
    }

    /** "k=20", "D=(ambient dimension)", with the skdim default when it differs. */
    public String usage() {
        String def = defaultValue;
        if (def == null) {
            // data-dependent defaults are described as "...; default the ambient dimension"
            int at = description.indexOf("default ");
            def = "<" + (at >= 0 ? description.substring(at + "default ".length()) : "depends on the data") + ">";
        }
        String s = key + "=" + def;
        if (skdimDefault != null) {
            s += " [skdim: " + skdimDefault + "]";
        }
        return s;
    }
}
