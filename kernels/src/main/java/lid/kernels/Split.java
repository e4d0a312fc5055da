package lid.kernels;

/**
 * How the Vector API kernels cut one call into parts for {@link Parallel#forEach}. Part sizes
 * are fixed numbers of elements (never derived from the thread count), so every element is
 * computed by the same code path and every partial sum covers the same range whatever the
 * number of threads: results are bit-identical for any thread count.
 */
final class Split {
    private Split() {}

    /**
     * Elements per part for cheap elementwise work and per partial sum of the global
     * reductions; a multiple of every SIMD width, so part boundaries never move an element
     * between the vector body and the scalar tail.
     */
    static final int CHUNK = 1 << 15;

    /** Number of CHUNK-sized parts covering n elements (the last may be short). */
    static int chunks(long n) {
        return (int) ((n + CHUNK - 1) / CHUNK);
    }

    /** Rows per part for row-wise work: enough rows for about CHUNK elements, at least one. */
    static int rowsPerPart(int cols) {
        return Math.max(1, CHUNK / Math.max(1, cols));
    }

    /** Number of parts of rowsPerPart rows covering rows rows. */
    static int parts(int rows, int rowsPerPart) {
        return (int) (((long) rows + rowsPerPart - 1) / rowsPerPart);
    }

    /** True when a call with this many parts should fan out over the threads of par. */
    static boolean parallel(Parallel par, int parts) {
        return parts > 1 && par.threads() > 1;
    }
}
