package lid.models;

/**
 * The version of what the numbers mean: bumped whenever a change makes the same command give
 * different numbers for a reason other than rounding (random streams, estimator definitions,
 * dataset constructions). {@code lid reproduce} stores it in every cell and checkpoint and
 * recomputes a cell (retrains a model) made by another version, so an old result is never
 * silently reused; {@code lid train} writes it into checkpoints as {@code results_version}.
 *
 * <p>History: 1 = up to 2026-12-07 (the seed drew the manifold too, one random stream shared by
 * several purposes, DSM-LID with the same noise draws for every point); 2 = one manifold per SPEC
 * (instance=K), Philox keys by purpose, per-point draws and probes.
 */
public final class ResultsVersion {
    private ResultsVersion() {}

    public static final int CURRENT = 2;

    /** The checkpoint / cell metadata key. */
    public static final String KEY = "results_version";
}
