package lid.datasets.io;

/**
 * An array read from a .npy file: its dtype, its shape (C order after reading) and its values in
 * exactly one of the four primitive arrays (the one matching the dtype; the others are null).
 */
public record NpyArray(Dtype dtype, int[] shape, float[] floats, double[] doubles, int[] ints, long[] longs) {
    /** The dtypes this reader accepts. */
    public enum Dtype {
        FLOAT32("f4", 4), FLOAT64("f8", 8), INT32("i4", 4), INT64("i8", 8);

        final String code;
        final int bytes;

        Dtype(String code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }
    }

    public long size() {
        long s = 1;
        for (int d : shape) {
            s *= d;
        }
        return s;
    }

    /** Element i as a double. */
    public double get(int i) {
        return switch (dtype) {
            case FLOAT32 -> floats[i];
            case FLOAT64 -> doubles[i];
            case INT32 -> ints[i];
            case INT64 -> longs[i];
        };
    }

    /** The values as float (rounding float64 and int64). */
    public float[] toFloats() {
        if (floats != null) {
            return floats;
        }
        int n = Math.toIntExact(size());
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) get(i);
        }
        return out;
    }
}
