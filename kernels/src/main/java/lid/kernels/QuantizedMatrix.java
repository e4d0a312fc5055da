package lid.kernels;

import java.util.Arrays;

/**
 * A rows x cols weight matrix (row-major, rows = output features) in one {@link WeightFormat}.
 *
 * <pre>
 * F32   float[rows*cols]
 * BF16  short[rows*cols]   bf16 = upper 16 bits of the float32 (round to nearest even):
 *                          value = intBitsToFloat(bits << 16)
 *        sign(1) exponent(8) mantissa(7)
 * F16   short[rows*cols]   IEEE 754 half (Float.floatToFloat16, nearest even):
 *        sign(1) exponent(5) mantissa(10)
 * Q8    byte[rows*pc], float[rows*blocks]   pc = blocks*32 (row padded with zeros to whole blocks)
 *        block b of row r: scale d = scales[r*blocks + b], q = data[r*pc + 32b + j] (int8)
 *        value(j) = d * q;  quantised with d = max|x|/127, q = round-half-away(x/d)
 * Q4    quantised as GGML Q4_0 in blocks of 32 along a row: m = the signed value of largest
 *        magnitude, d = m / -8, nibble = min(15, (int)(x/d + 8.5)), value = d * (nibble - 8).
 *        File order ({@link #data()}, {@link #scales()}, {@link #of}): byte[rows*pc/2], float[rows*blocks];
 *          block b of row r occupies 16 bytes at r*pc/2 + 16b:
 *          byte j (0..15):  bits 0-3 = nibble of element j, bits 4-7 = nibble of element j+16
 *        Memory order (what the kernels read): rows in panels of 16 (the last padded with zero
 *          rows, scale 0), byte[panels*blocks*256], float[panels*blocks*16];
 *          byte  ((p*blocks + b)*16 + j)*16 + k  = byte j of block b of row 16p + k
 *          scale  (p*blocks + b)*16 + k          = scale of block b of row 16p + k
 *        so the 16 bytes at one (p, b, j) hold one column pair (j, j+16) for 16 rows: a GEMV
 *        widens them to 16 row lanes and multiplies by x[j] broadcast, one scale multiply per
 *        block and 16 rows (see VectorQuantPanels).
 * </pre>
 * Round-trip error per element: F32 0; BF16 <= 2^-8 |x|; F16 <= 2^-11 |x| (normal range);
 * Q8 <= d/2 = max|block|/254; Q4 <= |d| = max|block|/8 (|d|/2 except at the clamped end).
 * {@link #weightBytes()} counts what is stored, Q4's padding rows included.
 */
public final class QuantizedMatrix {
    private final WeightFormat format;
    private final int rows;
    private final int cols;
    private final int blocks;
    final float[] f32;
    final short[] half;
    final byte[] q;
    final float[] scales;
    /** F16 only: no Inf or NaN among the halves, so kernels may use the exponent-rebias shortcut. */
    final boolean halfFinite;

    private QuantizedMatrix(WeightFormat format, int rows, int cols, float[] f32, short[] half, byte[] q, float[] scales) {
        this.format = format;
        this.rows = rows;
        this.cols = cols;
        this.blocks = (cols + WeightFormat.BLOCK - 1) / WeightFormat.BLOCK;
        this.f32 = f32;
        this.half = half;
        this.q = q;
        this.scales = scales;
        this.halfFinite = format == WeightFormat.F16 && allFinite(half);
    }

    private static boolean allFinite(short[] half) {
        for (short h : half) {
            if ((h & 0x7C00) == 0x7C00) {
                return false;
            }
        }
        return true;
    }

    public WeightFormat format() {
        return format;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Blocks of 32 per row (Q8, Q4). */
    public int blocksPerRow() {
        return blocks;
    }

    /** Bytes of weight storage (data and scales). */
    public long weightBytes() {
        return switch (format) {
            case F32 -> 4L * f32.length;
            case BF16, F16 -> 2L * half.length;
            case Q8, Q4 -> q.length + 4L * scales.length;
        };
    }

    /** Quantizes w [rows, cols] (row stride cols, from off). */
    public static QuantizedMatrix quantize(WeightFormat format, int rows, int cols, float[] w, int off) {
        Check.nonNegative("rows", rows);
        Check.nonNegative("cols", cols);
        Check.vector("w", w, off, (long) rows * cols);
        int n = rows * cols;
        int blocks = (cols + WeightFormat.BLOCK - 1) / WeightFormat.BLOCK;
        int pc = blocks * WeightFormat.BLOCK;
        switch (format) {
            case F32:
                return new QuantizedMatrix(format, rows, cols, Arrays.copyOfRange(w, off, off + n), null, null, null);
            case BF16: {
                short[] h = new short[n];
                for (int i = 0; i < n; i++) {
                    h[i] = toBf16(w[off + i]);
                }
                return new QuantizedMatrix(format, rows, cols, null, h, null, null);
            }
            case F16: {
                short[] h = new short[n];
                for (int i = 0; i < n; i++) {
                    h[i] = Float.floatToFloat16(w[off + i]);
                }
                return new QuantizedMatrix(format, rows, cols, null, h, null, null);
            }
            case Q8: {
                byte[] q = new byte[rows * pc];
                float[] sc = new float[rows * blocks];
                for (int r = 0; r < rows; r++) {
                    for (int b = 0; b < blocks; b++) {
                        int c0 = b * WeightFormat.BLOCK, c1 = Math.min(cols, c0 + WeightFormat.BLOCK);
                        float amax = 0f;
                        for (int c = c0; c < c1; c++) {
                            amax = Math.max(amax, Math.abs(w[off + r * cols + c]));
                        }
                        float d = amax / 127f;
                        float id = d != 0f ? 1f / d : 0f;
                        sc[r * blocks + b] = d;
                        for (int c = c0; c < c1; c++) {
                            q[r * pc + c] = (byte) roundHalfAway(w[off + r * cols + c] * id);
                        }
                    }
                }
                return new QuantizedMatrix(format, rows, cols, null, null, q, sc);
            }
            case Q4: {
                byte[] q = new byte[rows * pc / 2];
                float[] sc = new float[rows * blocks];
                for (int r = 0; r < rows; r++) {
                    for (int b = 0; b < blocks; b++) {
                        int c0 = b * WeightFormat.BLOCK;
                        float amax = 0f, max = 0f;
                        for (int j = 0; j < WeightFormat.BLOCK; j++) {
                            float v = c0 + j < cols ? w[off + r * cols + c0 + j] : 0f;
                            if (Math.abs(v) > amax) {
                                amax = Math.abs(v);
                                max = v;
                            }
                        }
                        float d = max / -8f;
                        float id = d != 0f ? 1f / d : 0f;
                        sc[r * blocks + b] = d;
                        int base = r * pc / 2 + b * 16;
                        for (int j = 0; j < 16; j++) {
                            float v0 = c0 + j < cols ? w[off + r * cols + c0 + j] : 0f;
                            float v1 = c0 + j + 16 < cols ? w[off + r * cols + c0 + j + 16] : 0f;
                            int n0 = Math.min(15, (int) (v0 * id + 8.5f));
                            int n1 = Math.min(15, (int) (v1 * id + 8.5f));
                            q[base + j] = (byte) (n0 | (n1 << 4));
                        }
                    }
                }
                return new QuantizedMatrix(format, rows, cols, null, null, q4ToPanels(rows, blocks, q),
                        q4ScalesToPanels(rows, blocks, sc));
            }
            default:
                throw new IllegalArgumentException("unknown format " + format);
        }
    }

    /** Wraps stored data (e.g. read from a checkpoint); lengths are checked. */
    public static QuantizedMatrix of(WeightFormat format, int rows, int cols, float[] f32, short[] half, byte[] q,
                                     float[] scales) {
        int blocks = (cols + WeightFormat.BLOCK - 1) / WeightFormat.BLOCK;
        long n = (long) rows * cols;
        boolean ok = switch (format) {
            case F32 -> f32 != null && f32.length == n;
            case BF16, F16 -> half != null && half.length == n;
            case Q8 -> q != null && scales != null && q.length == (long) rows * blocks * 32 && scales.length == (long) rows * blocks;
            case Q4 -> q != null && scales != null && q.length == (long) rows * blocks * 16 && scales.length == (long) rows * blocks;
        };
        if (!ok) {
            throw new IllegalArgumentException(format.tag() + " data of the wrong size for a " + rows + "x" + cols + " matrix");
        }
        if (format == WeightFormat.Q4) {
            return new QuantizedMatrix(format, rows, cols, null, null, q4ToPanels(rows, blocks, q),
                    q4ScalesToPanels(rows, blocks, scales));
        }
        return new QuantizedMatrix(format, rows, cols, f32, half, q, scales);
    }

    // ---- Q4 memory order: panels of 16 rows (see the class comment) ----------------------------

    static final int PANEL = 16;

    static int panels(int rows) {
        return (rows + PANEL - 1) / PANEL;
    }

    /** Index in memory order of byte j (0..15) of block b of row r. */
    static int q4Byte(int blocks, int r, int b, int j) {
        return (((r / PANEL) * blocks + b) * 16 + j) * PANEL + r % PANEL;
    }

    /** Index in memory order of the scale of block b of row r. */
    static int q4Scale(int blocks, int r, int b) {
        return ((r / PANEL) * blocks + b) * PANEL + r % PANEL;
    }

    private static byte[] q4ToPanels(int rows, int blocks, byte[] file) {
        byte[] mem = new byte[panels(rows) * blocks * 16 * PANEL];
        q4Reorder(rows, blocks, file, mem, true);
        return mem;
    }

    private static float[] q4ScalesToPanels(int rows, int blocks, float[] file) {
        float[] mem = new float[panels(rows) * blocks * PANEL];
        q4ReorderScales(rows, blocks, file, mem, true);
        return mem;
    }

    /** Copies Q4 bytes between file order and memory order, in the direction toMem says. */
    private static void q4Reorder(int rows, int blocks, byte[] file, byte[] mem, boolean toMem) {
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < blocks; b++) {
                for (int j = 0; j < 16; j++) {
                    int f = (r * blocks + b) * 16 + j, m = q4Byte(blocks, r, b, j);
                    if (toMem) {
                        mem[m] = file[f];
                    } else {
                        file[f] = mem[m];
                    }
                }
            }
        }
    }

    /** Copies Q4 scales between file order and memory order, in the direction toMem says. */
    private static void q4ReorderScales(int rows, int blocks, float[] file, float[] mem, boolean toMem) {
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < blocks; b++) {
                int f = r * blocks + b, m = q4Scale(blocks, r, b);
                if (toMem) {
                    mem[m] = file[f];
                } else {
                    file[f] = mem[m];
                }
            }
        }
    }

    static short toBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return (short) (rounded >>> 16);
    }

    static float fromBf16(short h) {
        return Float.intBitsToFloat((h & 0xFFFF) << 16);
    }

    private static int roundHalfAway(float v) {
        return (int) (v >= 0 ? Math.floor(v + 0.5f) : -Math.floor(-v + 0.5f));
    }

    /** The dequantized value at (r, c): the reference every kernel is tested against. */
    public float get(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") outside " + rows + "x" + cols);
        }
        int pc = blocks * WeightFormat.BLOCK;
        return switch (format) {
            case F32 -> f32[r * cols + c];
            case BF16 -> fromBf16(half[r * cols + c]);
            case F16 -> Float.float16ToFloat(half[r * cols + c]);
            case Q8 -> scales[r * blocks + c / 32] * q[r * pc + c];
            case Q4 -> {
                int b = c / 32, j = c % 32;
                int by = q[q4Byte(blocks, r, b, j & 15)];
                int nib = j < 16 ? by & 0xF : (by >>> 4) & 0xF;
                yield scales[q4Scale(blocks, r, b)] * (nib - 8);
            }
        };
    }

    /** Every value dequantized into a new array (for tests and export; kernels never do this). */
    public float[] dequantize() {
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = get(r, c);
            }
        }
        return out;
    }

    /**
     * Raw storage in file order (see the class comment): the data array of the format. F32, BF16,
     * F16 and Q8 return the stored array itself (do not modify it); Q4 returns a new array
     * converted from memory order.
     */
    public Object data() {
        return switch (format) {
            case F32 -> f32;
            case BF16, F16 -> half;
            case Q8 -> q;
            case Q4 -> {
                byte[] file = new byte[rows * blocks * 16];
                q4Reorder(rows, blocks, file, q, false);
                yield file;
            }
        };
    }

    /** The Q8/Q4 block scales in file order, [rows, blocks] (Q4: a new array); null otherwise. */
    public float[] scales() {
        if (format != WeightFormat.Q4) {
            return scales;
        }
        float[] file = new float[rows * blocks];
        q4ReorderScales(rows, blocks, file, scales, false);
        return file;
    }
}
