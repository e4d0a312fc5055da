package lid.engine;

import java.util.Arrays;

/** Shape arithmetic: sizes, broadcasting, axis normalisation. */
final class Shape {
    private Shape() {}

    static void check(int[] shape) {
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
        if (sizeLong(shape) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31 elements");
        }
    }

    static int size(int[] shape) {
        return (int) sizeLong(shape);
    }

    static long sizeLong(int[] shape) {
        long s = 1;
        for (int d : shape) {
            s *= d;
        }
        return s;
    }

    /** Normalises a possibly negative axis. */
    static int axis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    /** Product of the dimensions before axis. */
    static int outer(int[] shape, int axis) {
        int p = 1;
        for (int i = 0; i < axis; i++) {
            p *= shape[i];
        }
        return p;
    }

    /** Product of the dimensions after axis. */
    static int inner(int[] shape, int axis) {
        int p = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            p *= shape[i];
        }
        return p;
    }

    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    static int flatIndex(int[] shape, int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has rank " + index.length
                    + ", tensor has rank " + shape.length);
        }
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of shape "
                        + Arrays.toString(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    /** The numpy broadcast of two shapes, or an IllegalArgumentException naming both. */
    static int[] broadcast(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast (axis " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** shape left-padded with ones to rank r. */
    static int[] padLeft(int[] shape, int r) {
        int[] out = new int[r];
        Arrays.fill(out, 1);
        System.arraycopy(shape, 0, out, r - shape.length, shape.length);
        return out;
    }

    /** [k, ...shape]. */
    static int[] prepend(int k, int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = k;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    static int[] dropFirst(int[] shape) {
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }
}
