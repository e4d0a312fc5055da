package lid.models;

import lid.engine.Engine;
import lid.kernels.RandomKeys;

/**
 * Random draws that belong to a point, not to a batch: row r of a call reads Philox stream
 * {@code streams[r]} (the point's index in its data set) of one key, draw j at positions
 * [j dim, (j+1) dim). So a point's noise vectors and probes are the same whether it is estimated
 * alone, in any batch, with any thread count or any {@code --points}; and points get independent
 * draws (an estimator's data-set mean is then unbiased, and its per-point spread shows the
 * Monte-Carlo error).
 *
 * <p>{@link #shared} gives every row the same draws (the reference code's protocol, common
 * random numbers): stream {@value #SHARED_STREAM}, which no point index reaches.
 *
 * @param key     the Philox key (from {@link RandomKeys#key}: a seed and a purpose)
 * @param streams the stream of each row
 */
public record PointDraws(long key, long[] streams) {
    /** The stream every row reads under {@code draws=shared}. */
    public static final long SHARED_STREAM = -1L;

    /** How draws are assigned to points. */
    public enum Mode {
        /** Independent draws per point (the default). */
        POINT,
        /** The same draws for every point (the reference code's protocol). */
        SHARED;

        /** Parses {@code point} or {@code shared}. */
        public static Mode parse(String s) {
            return switch (s) {
                case "point" -> POINT;
                case "shared" -> SHARED;
                default -> throw new IllegalArgumentException("draws must be point or shared, got '" + s + "'");
            };
        }
    }

    /** Draws for the given points (their indices in the data set), keyed by (seed, purpose). */
    public static PointDraws of(long seed, RandomKeys.Purpose purpose, Mode mode, int[] points) {
        long[] s = new long[points.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = mode == Mode.SHARED ? SHARED_STREAM : points[i];
        }
        return new PointDraws(RandomKeys.key(seed, purpose), s);
    }

    /** Rows from .. from + count of these draws. */
    public PointDraws slice(int from, int count) {
        long[] s = new long[count];
        System.arraycopy(streams, from, s, 0, count);
        return new PointDraws(key, s);
    }

    public int rows() {
        return streams.length;
    }

    /** Standard normal draw {@code draw} of row r, dim values, into out[off ..]. */
    public void normal(int r, int draw, int dim, float[] out, int off) {
        Engine.kernels().random().randomNormal(key, streams[r], (long) draw * dim, dim, out, off);
    }

    /** Draws first .. first + count - 1 of row r (count * dim normals) into out[off ..]. */
    public void normals(int r, int first, int count, int dim, float[] out, int off) {
        Engine.kernels().random().randomNormal(key, streams[r], (long) first * dim, count * dim, out, off);
    }

    /** Rademacher draw {@code draw} of row r (dim signs) into out[off ..]. */
    public void rademacher(int r, int draw, int dim, float[] out, int off) {
        Engine.kernels().random().randomRademacher(key, streams[r], (long) draw * dim, dim, out, off);
    }
}
