package lid.kernels;

/** Argument checks shared by every backend; each failure names the argument and the rule. */
public final class Check {
    private Check() {}

    public static void nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    public static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    public static void notNull(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /** A vector of n floats starting at off must fit in array. */
    public static void vector(String name, float[] array, int off, long n) {
        notNull(name, array);
        if (off < 0 || n < 0) { // names are built only when a check fails (no allocation on the hot path)
            nonNegative(name + " offset", off);
            nonNegative(name + " length", n);
        }
        if (off + n > array.length) {
            throw new IllegalArgumentException(name + " is too short: needs " + (off + n)
                    + " elements (offset " + off + " + length " + n + "), has " + array.length);
        }
    }

    /** A row-major matrix of rows x cols with row stride ld starting at off must fit in array. */
    public static void matrix(String name, float[] array, int off, int rows, int cols, int ld) {
        notNull(name, array);
        if (off < 0 || rows < 0 || cols < 0) {
            nonNegative(name + " offset", off);
            nonNegative(name + " rows", rows);
            nonNegative(name + " cols", cols);
        }
        if (rows > 0 && cols > 0 && ld < cols) {
            throw new IllegalArgumentException("leading dimension of " + name + " must be >= its "
                    + cols + " columns, got " + ld);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long need = off + (long) (rows - 1) * ld + cols;
        if (need > array.length) {
            throw new IllegalArgumentException(name + " is too short for " + rows + "x" + cols
                    + " with leading dimension " + ld + " at offset " + off + ": needs " + need
                    + " elements, has " + array.length);
        }
    }
}
