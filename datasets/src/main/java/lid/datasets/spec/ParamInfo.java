package lid.datasets.spec;

import java.util.List;
import java.util.Objects;

/**
 * One option of a SPEC (a dataset generator, an architecture, a noise process or an estimator),
 * as written after its name: {@code name:key=value}.
 *
 * @param name         the key (case-sensitive, e.g. {@code d}, {@code D}, {@code alphaFO})
 * @param type         the value type ({@link ParamType#TEXT}: read and checked by its owner)
 * @param defaultValue the default as SPEC text; null when there is no fixed default (a value
 *                     computed from the data or other options; the description says how)
 * @param skdimDefault the default under {@code skdim=true} (estimators mimicking
 *                     scikit-dimension), or null when it is the same
 * @param choices      the allowed words of a {@link ParamType#CHOICE} option, else empty
 * @param min          smallest allowed value of a numeric option (inclusive), or null
 * @param max          largest allowed value of a numeric option (inclusive), or null
 * @param description  what it means, one line
 */
public record ParamInfo(String name, ParamType type, String defaultValue, String skdimDefault, List<String> choices,
                        Double min, Double max, String description) {
    public ParamInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (type == ParamType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice option " + name + " needs its choices");
        }
    }

    /** An option read by its owner (typed getters of {@link Params} check it when read). */
    public static ParamInfo of(String name, String defaultValue, String description) {
        return new ParamInfo(name, ParamType.TEXT, defaultValue, null, List.of(), null, null, description);
    }

    public static ParamInfo integer(String name, String defaultValue, String description) {
        return new ParamInfo(name, ParamType.INT, defaultValue, null, List.of(), null, null, description);
    }

    public static ParamInfo real(String name, String defaultValue, String description) {
        return new ParamInfo(name, ParamType.REAL, defaultValue, null, List.of(), null, null, description);
    }

    public static ParamInfo flag(String name, String defaultValue, String description) {
        return new ParamInfo(name, ParamType.BOOL, defaultValue, null, List.of(), null, null, description);
    }

    public static ParamInfo choice(String name, String defaultValue, String description, String... choices) {
        return new ParamInfo(name, ParamType.CHOICE, defaultValue, null, List.of(choices), null, null, description);
    }

    /** Free text, interpreted by its owner (it reports bad values itself). */
    public static ParamInfo text(String name, String defaultValue, String description) {
        return of(name, defaultValue, description);
    }

    /** The same option with an allowed range (inclusive; null = unbounded). */
    public ParamInfo range(Double lo, Double hi) {
        return new ParamInfo(name, type, defaultValue, skdimDefault, choices, lo, hi, description);
    }

    /** The same option with a different default under {@code skdim=true}. */
    public ParamInfo skdim(String value) {
        return new ParamInfo(name, type, defaultValue, value, choices, min, max, description);
    }

    /** The same option with another default (presets such as the score-matching benchmark). */
    public ParamInfo withDefault(String newDefault) {
        return new ParamInfo(name, type, newDefault, skdimDefault, choices, min, max, description);
    }

    /** For lists of valid options: "k=20", "t in [1e-06, 1] =0.01", "D=<the ambient dimension>", with choices and skdim default. */
    public String usage() {
        String def = defaultValue;
        if (def == null) {
            // data-dependent defaults are described in words: "...; default the ambient dimension", "(default: 2d)"
            int at = description.indexOf("default");
            String words = "not set";
            if (at >= 0) {
                words = description.substring(at + "default".length()).replaceFirst("^[:\\s]+", "").split("[;)]", 2)[0].strip();
            }
            def = "<" + words + ">";
        }
        StringBuilder s = new StringBuilder(name).append('=').append(def);
        if (type == ParamType.CHOICE) {
            s.append(" (").append(String.join("|", choices)).append(')');
        } else if (min != null || max != null) {
            s.append(" (").append(min == null ? "" : ">= " + Params.fmt(min)).append(min != null && max != null ? ", " : "")
                    .append(max == null ? "" : "<= " + Params.fmt(max)).append(')');
        }
        if (skdimDefault != null) {
            s.append(" [skdim: ").append(skdimDefault).append(']');
        }
        return s.toString();
    }
}
