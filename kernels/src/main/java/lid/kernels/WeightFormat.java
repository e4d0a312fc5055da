package lid.kernels;

/**
 * Storage formats of weight matrices. Activations stay float32; kernels dequantize weights
 * inside the dot product (or while packing a GEMM panel), never into a full float copy.
 * Bit layouts are documented on {@link QuantizedMatrix}.
 */
public enum WeightFormat {
    F32("f32", 4.0),
    BF16("bf16", 2.0),
    F16("f16", 2.0),
    /** int8 in blocks of 32 along a row, one float32 scale per block. */
    Q8("q8", 1.0 + 4.0 / 32),
    /** int4 in blocks of 32 along a row, one float32 scale per block. */
    Q4("q4", 0.5 + 4.0 / 32);

    public static final int BLOCK = 32;

    private final String tag;
    private final double bytesPerWeight;

    WeightFormat(String tag, double bytesPerWeight) {
        this.tag = tag;
        this.bytesPerWeight = bytesPerWeight;
    }

    /** Lower-case name used on the command line and in JSON (f32, bf16, f16, q8, q4). */
    public String tag() {
        return tag;
    }

    public double bytesPerWeight() {
        return bytesPerWeight;
    }

    public static WeightFormat parse(String s) {
        for (WeightFormat f : values()) {
            if (f.tag.equalsIgnoreCase(s)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown weight format '" + s + "'; valid: f32, bf16, f16, q8, q4");
    }
}
