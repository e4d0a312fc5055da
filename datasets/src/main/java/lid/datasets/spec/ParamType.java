package lid.datasets.spec;

/**
 * The value type of a SPEC option. Typed options are checked (and put in normal form) when the
 * SPEC is parsed; {@link #TEXT} options are read by their owner with the typed getters of
 * {@link Params}, which check them then.
 */
public enum ParamType {
    /** A whole number. */
    INT,
    /** A finite real number. */
    REAL,
    /** true / false (also accepted: 1 / 0, yes / no, on / off). */
    BOOL,
    /** One of a fixed list of words (matched case-insensitively). */
    CHOICE,
    /** Free text its owner interprets (a time or the word {@code knee}, a dash-separated list, ...). */
    TEXT
}
