package lid.engine.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import lid.engine.io.Safetensors.RawTensor;
import lid.kernels.QuantizedMatrix;
import lid.kernels.WeightFormat;

/**
 * How a quantized weight W (a [rows, cols] matrix: rows = shape[0], cols = the product of the
 * other dimensions) is stored in safetensors, with standard dtypes only so any reader opens
 * the file (layouts in {@link QuantizedMatrix} and docs/quantization.md):
 * <pre>
 *   F32   NAME        F32   the weight's own shape
 *   BF16  NAME        BF16  the weight's own shape (upper 16 bits of the float32)
 *   F16   NAME        F16   the weight's own shape (IEEE half)
 *   Q8    NAME        I8    [rows, blocks*32]  int8 q, each row zero-padded to whole blocks of 32
 *         NAME_scale  F32   [rows, blocks]     value = scale * q
 *   Q4    NAME        U8    [rows, blocks*16]  per block 16 bytes: low nibble of byte j = element j,
 *                                              high nibble = element j+16 (GGML Q4_0 order)
 *         NAME_scale  F32   [rows, blocks]     value = scale * (nibble - 8)
 * </pre>
 * File metadata: {@value #FORMAT_KEY} (f32, bf16, f16, q8, q4), {@value #BLOCK_KEY} (32) and
 * {@value #TENSORS_KEY} (comma-separated names of the quantized weights). All data little-endian.
 */
public final class QuantizedTensors {
    private QuantizedTensors() {}

    public static final String SCALE_SUFFIX = "_scale";
    public static final String FORMAT_KEY = "weight_format";
    public static final String BLOCK_KEY = "quant_block";
    public static final String TENSORS_KEY = "quantized_tensors";

    /** The stored tensors of one quantized weight: NAME and, for Q8/Q4, NAME_scale. */
    public static Map<String, RawTensor> encode(String name, QuantizedMatrix q, int[] shape) {
        checkShape(name, q, shape);
        Map<String, RawTensor> out = new LinkedHashMap<>();
        int rows = q.rows(), blocks = q.blocksPerRow();
        switch (q.format()) {
            case F32 -> {
                float[] v = (float[]) q.data();
                ByteBuffer b = le(4 * v.length);
                b.asFloatBuffer().put(v);
                out.put(name, new RawTensor("F32", shape.clone(), b.array()));
            }
            case BF16, F16 -> {
                short[] h = (short[]) q.data();
                ByteBuffer b = le(2 * h.length);
                b.asShortBuffer().put(h);
                out.put(name, new RawTensor(q.format() == WeightFormat.BF16 ? "BF16" : "F16", shape.clone(), b.array()));
            }
            case Q8, Q4 -> {
                byte[] data = ((byte[]) q.data()).clone();
                int perRow = q.format() == WeightFormat.Q8 ? blocks * WeightFormat.BLOCK : blocks * WeightFormat.BLOCK / 2;
                out.put(name, new RawTensor(q.format() == WeightFormat.Q8 ? "I8" : "U8", new int[] {rows, perRow}, data));
                ByteBuffer b = le(4 * q.scales().length);
                b.asFloatBuffer().put(q.scales());
                out.put(name + SCALE_SUFFIX, new RawTensor("F32", new int[] {rows, blocks}, b.array()));
            }
        }
        return out;
    }

    /**
     * Rebuilds the quantized weight NAME of a layer whose float weight has {@code shape}, in the
     * format the stored dtype says; {@code expected} (from the metadata) must agree.
     */
    public static QuantizedMatrix decode(String name, Map<String, RawTensor> tensors, int[] shape, WeightFormat expected) {
        RawTensor r = tensors.get(name);
        if (r == null) {
            throw new IllegalArgumentException("quantized weight '" + name + "' is missing from the file");
        }
        WeightFormat f = switch (r.dtype()) {
            case "F32" -> WeightFormat.F32;
            case "BF16" -> WeightFormat.BF16;
            case "F16" -> WeightFormat.F16;
            case "I8" -> WeightFormat.Q8;
            case "U8" -> WeightFormat.Q4;
            default -> throw new IllegalArgumentException("quantized weight '" + name + "' has dtype " + r.dtype()
                    + "; expected F32, BF16, F16, I8 (q8) or U8 (q4)");
        };
        if (expected != null && f != expected) {
            throw new IllegalArgumentException("weight '" + name + "' is stored as " + r.dtype() + " (" + f.tag()
                    + ") but the file's " + FORMAT_KEY + " says " + expected.tag() + " (corrupt or hand-edited file)");
        }
        int rows = shape[0], cols = cols(shape);
        int blocks = (cols + WeightFormat.BLOCK - 1) / WeightFormat.BLOCK;
        ByteBuffer b = ByteBuffer.wrap(r.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        try {
            return switch (f) {
                case F32 -> {
                    requireShape(name, r, shape);
                    float[] v = new float[rows * cols];
                    b.asFloatBuffer().get(v);
                    yield QuantizedMatrix.of(f, rows, cols, v, null, null, null);
                }
                case BF16, F16 -> {
                    requireShape(name, r, shape);
                    short[] h = new short[rows * cols];
                    b.asShortBuffer().get(h);
                    yield QuantizedMatrix.of(f, rows, cols, null, h, null, null);
                }
                case Q8, Q4 -> {
                    int perRow = f == WeightFormat.Q8 ? blocks * WeightFormat.BLOCK : blocks * WeightFormat.BLOCK / 2;
                    requireShape(name, r, new int[] {rows, perRow});
                    RawTensor s = tensors.get(name + SCALE_SUFFIX);
                    if (s == null) {
                        throw new IllegalArgumentException("quantized weight '" + name + "' has no scales '" + name
                                + SCALE_SUFFIX + "' in the file");
                    }
                    if (!s.dtype().equals("F32")) {
                        throw new IllegalArgumentException("scales '" + name + SCALE_SUFFIX + "' must be F32, found " + s.dtype());
                    }
                    requireShape(name + SCALE_SUFFIX, s, new int[] {rows, blocks});
                    float[] sc = new float[rows * blocks];
                    ByteBuffer.wrap(s.bytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(sc);
                    for (float v : sc) {
                        if (!Float.isFinite(v)) {
                            throw new IllegalArgumentException("scales of '" + name + "' contain " + v + " (corrupt file)");
                        }
                    }
                    yield QuantizedMatrix.of(f, rows, cols, null, null, r.bytes().clone(), sc);
                }
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("weight '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Product of every dimension but the first. */
    public static int cols(int[] shape) {
        int c = 1;
        for (int i = 1; i < shape.length; i++) {
            c *= shape[i];
        }
        return c;
    }

    private static void checkShape(String name, QuantizedMatrix q, int[] shape) {
        if (shape.length < 2 || shape[0] != q.rows() || cols(shape) != q.cols()) {
            throw new IllegalArgumentException("weight '" + name + "' of shape " + Arrays.toString(shape) + " does not match a "
                    + q.rows() + "x" + q.cols() + " quantized matrix");
        }
    }

    private static void requireShape(String name, RawTensor r, int[] want) {
        if (!Arrays.equals(r.shape(), want)) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(r.shape())
                    + ", the model needs " + Arrays.toString(want) + " (a checkpoint of another architecture?)");
        }
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
