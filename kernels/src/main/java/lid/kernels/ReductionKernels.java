package lid.kernels;

/**
 * Reductions over vectors, rows and columns.
 *
 * <p>One family of the {@link Kernels} primitive set: the scalar reference, the Vector API and the
 * OpenCL backend each implement it directly (conventions: {@link Kernels}; the arrays a method
 * writes are marked {@link Out}).
 */
public interface ReductionKernels {
    /** op over x[0..n); SUM of n = 0 is 0, MAX/MIN of n = 0 throw. */
    float reduce(ReduceOp op, int n, float[] x, int xOff);

    /** out[i] = op over row i of x [rows,cols]. */
    void reduceRows(ReduceOp op, int rows, int cols, float[] x, int xOff, @Out float[] out, int outOff);

    /** out[j] = op over column j of x [rows,cols]. */
    void reduceCols(ReduceOp op, int rows, int cols, float[] x, int xOff, @Out float[] out, int outOff);

    /** sum_i x[i] * y[i]. */
    float dot(int n, float[] x, int xOff, float[] y, int yOff);

    /** Euclidean norm sqrt(sum_i x[i]^2). */
    float norm2(int n, float[] x, int xOff);

    /** Argument checks of this family, shared by every backend (each calls them first). */
    final class Checks {
        private Checks() {}

        public static void reduce(ReduceOp op, int n, float[] x, int xOff) {
            Check.notNull("op", op);
            Check.nonNegative("n", n);
            Check.vector("x", x, xOff, n);
            if (n == 0) {
                requireElements(op, "n is 0");
            }
        }

        public static void reduceRows(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
            matrix(op, rows, cols, x, xOff);
            Check.vector("out", out, outOff, rows);
            if (cols == 0 && rows > 0) {
                requireElements(op, "cols is 0 (every row is empty)");
            }
        }

        public static void reduceCols(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
            matrix(op, rows, cols, x, xOff);
            Check.vector("out", out, outOff, cols);
            if (rows == 0 && cols > 0) {
                requireElements(op, "rows is 0 (every column is empty)");
            }
        }

        public static void dot(int n, float[] x, int xOff, float[] y, int yOff) {
            Check.nonNegative("n", n);
            Check.vector("x", x, xOff, n);
            Check.vector("y", y, yOff, n);
        }

        public static void norm2(int n, float[] x, int xOff) {
            Check.nonNegative("n", n);
            Check.vector("x", x, xOff, n);
        }

        private static void matrix(ReduceOp op, int rows, int cols, float[] x, int xOff) {
            Check.notNull("op", op);
            Check.nonNegative("rows", rows);
            Check.nonNegative("cols", cols);
            Check.vector("x", x, xOff, (long) rows * cols);
        }

        private static void requireElements(ReduceOp op, String why) {
            if (op == ReduceOp.MAX || op == ReduceOp.MIN) {
                throw new IllegalArgumentException(op + " of no elements is undefined: " + why);
            }
        }

        /** The value a reduction of no elements starts from. */
        public static float identity(ReduceOp op) {
            return switch (op) {
                case SUM, SUM_SQUARES -> 0f;
                case MAX -> Float.NEGATIVE_INFINITY;
                case MIN -> Float.POSITIVE_INFINITY;
            };
        }

        /** Folds one more partial into a running SUM / SUM_SQUARES / MAX / MIN. */
        public static float combine(ReduceOp op, float acc, float partial) {
            return switch (op) {
                case SUM, SUM_SQUARES -> acc + partial;
                case MAX -> Math.max(acc, partial);
                case MIN -> Math.min(acc, partial);
            };
        }

        /**
         * norm2 from a float sum of squares: sqrt(sumSquares) unless the float sum overflowed, lost
         * precision to underflow (below 2^-100 squares may be subnormal) or met a NaN; then the
         * sum of squares is recomputed in double, whose range holds every float square.
         */
        public static float norm2(float sumSquares, int n, float[] x, int xOff) {
            if (sumSquares >= 0x1p-100f && sumSquares < Float.POSITIVE_INFINITY) {
                return (float) Math.sqrt(sumSquares);
            }
            if (sumSquares == 0f) {
                boolean allZero = true;
                for (int i = 0; i < n && allZero; i++) {
                    allZero = x[xOff + i] == 0f;
                }
                if (allZero) {
                    return 0f;
                }
            }
            double s = 0.0;
            for (int i = 0; i < n; i++) {
                double v = x[xOff + i];
                s += v * v;
            }
            return (float) Math.sqrt(s);
        }
    }
}
