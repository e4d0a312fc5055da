package lid.datasets.spec;

/**
 * One parameter a generator accepts: its key, its default as SPEC text (null when there is no
 * fixed default, e.g. a value computed from other parameters; the description says how) and
 * what it means.
 */
public record ParamInfo(String name, String defaultValue, String description) {
    public static ParamInfo of(String name, String defaultValue, String description) {
        return new ParamInfo(name, defaultValue, description);
    }

    /** The same parameter with another default (presets such as the score-matching benchmark). */
    public ParamInfo withDefault(String newDefault) {
        return new ParamInfo(name, newDefault, description);
    }
}
