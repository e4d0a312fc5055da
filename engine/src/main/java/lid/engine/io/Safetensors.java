package lid.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import lid.kernels.io.AtomicFiles;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lid.engine.Tensor;

/**
 * The safetensors format (huggingface/safetensors): an 8-byte little-endian header length N,
 * N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}
 * padded with spaces to a multiple of 8, then the raw little-endian data; offsets are relative
 * to the end of the header and must tile the data exactly.
 *
 * <p>Written: F32 (and raw byte tensors of other dtypes via {@link RawTensor}). Read: F32, F16,
 * BF16, F64 (converted to float32) and raw tensors of any dtype for callers that decode them.
 * Writes are atomic (temporary file, then rename).
 *
 * <p>Quantized weights use standard dtypes only (BF16, F16, I8 for q8 data, U8 for packed q4
 * nibbles, F32 block scales under {@code NAME_scale}) plus the metadata keys
 * {@code weight_format}, {@code quant_block}, {@code quantized_tensors}; the byte layouts are
 * in {@link QuantizedTensors} and docs/quantization.md.
 */
public final class Safetensors {
    private Safetensors() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The reference implementation refuses headers above 100 MB. */
    private static final long MAX_HEADER = 100_000_000L;

    /** A tensor as stored: dtype tag, shape and little-endian bytes. */
    public record RawTensor(String dtype, int[] shape, byte[] bytes) {}

    /** What a file holds. */
    public record Contents(Map<String, RawTensor> tensors, Map<String, String> metadata) {
        /** Tensor by name decoded to float32 (F32, F16, BF16, F64). */
        public Tensor tensor(String name) {
            RawTensor r = tensors.get(name);
            if (r == null) {
                throw new IllegalArgumentException("no tensor '" + name + "' in the file; it has " + tensors.keySet());
            }
            return decode(name, r);
        }

        /** Every float tensor decoded (others skipped). */
        public Map<String, Tensor> floatTensors() {
            Map<String, Tensor> out = new LinkedHashMap<>();
            tensors.forEach((k, r) -> {
                if (FLOAT_TYPES.contains(r.dtype)) {
                    out.put(k, decode(k, r));
                }
            });
            return out;
        }
    }

    private static final List<String> FLOAT_TYPES = List.of("F32", "F16", "BF16", "F64");
    private static final Map<String, Integer> DTYPE_BYTES = Map.ofEntries(
            Map.entry("BOOL", 1), Map.entry("U8", 1), Map.entry("I8", 1), Map.entry("F8_E4M3", 1),
            Map.entry("F8_E5M2", 1), Map.entry("I16", 2), Map.entry("U16", 2), Map.entry("F16", 2),
            Map.entry("BF16", 2), Map.entry("I32", 4), Map.entry("U32", 4), Map.entry("F32", 4),
            Map.entry("F64", 8), Map.entry("I64", 8), Map.entry("U64", 8));

    /** Bytes per element of a dtype tag, or -1 if unknown. */
    public static int dtypeBytes(String dtype) {
        return DTYPE_BYTES.getOrDefault(dtype, -1);
    }

    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, RawTensor> raw = new LinkedHashMap<>();
        tensors.forEach((k, t) -> raw.put(k, toRaw(t)));
        writeRaw(path, raw, metadata);
    }

    public static RawTensor toRaw(Tensor t) {
        ByteBuffer b = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.data(), t.offset(), t.size());
        return new RawTensor("F32", t.shape(), b.array());
    }

    /** Writes tensors in the given order (the format does not require the library's sort). */
    public static void writeRaw(Path path, Map<String, RawTensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode md = header.putObject("__metadata__");
            metadata.forEach(md::put);
        }
        long offset = 0;
        for (Map.Entry<String, RawTensor> e : tensors.entrySet()) {
            RawTensor r = e.getValue();
            checkRaw(e.getKey(), r);
            ObjectNode node = header.putObject(e.getKey());
            node.put("dtype", r.dtype);
            ArrayNode shape = node.putArray("shape");
            for (int d : r.shape) {
                shape.add(d);
            }
            ArrayNode offs = node.putArray("data_offsets");
            offs.add(offset);
            offs.add(offset + r.bytes.length);
            offset += r.bytes.length;
        }
        byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded);
        head.put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        try (AtomicFiles files = new AtomicFiles()) {
            files.add(path, out -> {
                out.write(head.array(), 0, head.limit());
                for (RawTensor r : tensors.values()) {
                    out.write(r.bytes);
                }
            });
            files.commit();
        }
    }

    private static void checkRaw(String name, RawTensor r) {
        int eb = dtypeBytes(r.dtype);
        long n = 1;
        for (int d : r.shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension");
            }
            n *= d;
        }
        if (eb > 0 && n * eb != r.bytes.length) {
            throw new IllegalArgumentException("tensor '" + name + "': " + r.bytes.length + " bytes do not match "
                    + r.dtype + " shape " + java.util.Arrays.toString(r.shape));
        }
    }

    public static Contents read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such checkpoint file: " + path);
        }
        long size = Files.size(path);
        String where = path.toString();
        if (size < 8) {
            throw new IOException(where + " is not a safetensors file: " + size + " bytes, shorter than the 8-byte header length");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long n = lenBuf.getLong(0);
            if (n <= 0 || n > MAX_HEADER) {
                throw new IOException(where + ": header length " + n + " is not plausible (corrupt or not safetensors)");
            }
            if (8 + n > size) {
                throw new IOException(where + ": header length " + n + " is longer than the file (" + size
                        + " bytes): truncated or corrupt");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) n);
            readFully(ch, hb, 8);
            JsonNode header;
            try {
                header = JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw new IOException(where + ": header is not valid JSON: " + e.getOriginalMessage());
            }
            if (header == null || !header.isObject()) {
                throw new IOException(where + ": header is not a JSON object");
            }
            long dataLen = size - 8 - n;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<long[]> spans = new ArrayList<>();
            Map<String, RawTensor> tensors = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                JsonNode v = e.getValue();
                if (name.equals("__metadata__")) {
                    if (!v.isObject()) {
                        throw new IOException(where + ": __metadata__ must be an object of strings");
                    }
                    v.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                String dtype = v.path("dtype").asText(null);
                JsonNode shapeNode = v.path("shape");
                JsonNode offs = v.path("data_offsets");
                if (dtype == null || !shapeNode.isArray() || !offs.isArray() || offs.size() != 2) {
                    throw new IOException(where + ": tensor '" + name + "' needs dtype, shape and data_offsets [begin, end]");
                }
                int eb = dtypeBytes(dtype);
                if (eb < 0) {
                    throw new IOException(where + ": tensor '" + name + "' has unknown dtype '" + dtype + "' (known: "
                            + new java.util.TreeSet<>(DTYPE_BYTES.keySet()) + ")");
                }
                int[] shape = new int[shapeNode.size()];
                long count = 1;
                for (int i = 0; i < shape.length; i++) {
                    long d = shapeNode.get(i).asLong(-1);
                    if (d < 0 || d > Integer.MAX_VALUE) {
                        throw new IOException(where + ": tensor '" + name + "' has an invalid dimension " + shapeNode.get(i));
                    }
                    shape[i] = (int) d;
                    count *= d;
                }
                long begin = offs.get(0).asLong(-1), end = offs.get(1).asLong(-1);
                if (begin < 0 || end < begin || end > dataLen) {
                    throw new IOException(where + ": tensor '" + name + "' data_offsets [" + begin + ", " + end
                            + "] fall outside the " + dataLen + " data bytes (truncated file?)");
                }
                if (end - begin != count * eb) {
                    throw new IOException(where + ": tensor '" + name + "' has " + (end - begin) + " bytes but " + dtype
                            + " shape " + java.util.Arrays.toString(shape) + " needs " + count * eb);
                }
                ByteBuffer data = ByteBuffer.allocate((int) (end - begin));
                readFully(ch, data, 8 + n + begin);
                tensors.put(name, new RawTensor(dtype, shape, data.array()));
                spans.add(new long[] {begin, end});
            }
            spans.sort((a, b) -> Long.compare(a[0], b[0]));
            long at = 0;
            for (long[] s : spans) {
                if (s[0] != at) {
                    throw new IOException(where + ": tensor data overlaps or leaves a gap at byte " + at + " (corrupt file)");
                }
                at = s[1];
            }
            if (at != dataLen) {
                throw new IOException(where + ": " + (dataLen - at) + " trailing bytes not covered by any tensor (corrupt file)");
            }
            return new Contents(tensors, metadata);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    static Tensor decode(String name, RawTensor r) {
        ByteBuffer b = ByteBuffer.wrap(r.bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = 1;
        for (int d : r.shape) {
            n *= d;
        }
        float[] v = new float[n];
        switch (r.dtype) {
            case "F32" -> b.asFloatBuffer().get(v);
            case "F64" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) b.getDouble(8 * i);
                }
            }
            case "F16" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = Float.float16ToFloat(b.getShort(2 * i));
                }
            }
            case "BF16" -> {
                for (int i = 0; i < n; i++) {
                    v[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xFFFF) << 16);
                }
            }
            default -> throw new IllegalArgumentException("tensor '" + name + "' has dtype " + r.dtype
                    + ", not a float type this engine decodes (F32, F16, BF16, F64)");
        }
        return Tensor.of(v, r.shape.length == 0 ? new int[0] : r.shape);
    }
}
