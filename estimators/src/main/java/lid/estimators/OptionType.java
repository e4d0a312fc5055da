package lid.estimators;

/** The value type of an estimator option. */
public enum OptionType {
    /** A whole number. */
    INT,
    /** A real number. */
    REAL,
    /** true / false (also accepted: 1 / 0, yes / no). */
    BOOL,
    /** One of a fixed list of words (matched case-insensitively). */
    CHOICE,
    /** Free text the estimator interprets itself (e.g. a time or the word {@code knee}). */
    TEXT
}
