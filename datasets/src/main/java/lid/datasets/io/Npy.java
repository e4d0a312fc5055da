package lid.datasets.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy .npy files (format versions 1.0, 2.0 and 3.0 read; 1.0 written). Reads float32, float64,
 * int32 and int64 in either byte order and C or (for 1-D and 2-D) Fortran order; writes
 * little-endian float32 and int32 in C order, header padded to a multiple of 64 bytes as numpy
 * does. Files larger than 2 GB are read in chunks.
 */
public final class Npy {
    private Npy() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final int CHUNK = 1 << 20;

    public static NpyArray read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, path, "the .npy preamble");
            pre.flip();
            byte[] magic = new byte[6];
            pre.get(magic);
            for (int i = 0; i < 6; i++) {
                if (magic[i] != MAGIC[i]) {
                    throw bad(path, "not a .npy file (no \\x93NUMPY magic)");
                }
            }
            int major = pre.get() & 0xFF;
            pre.get(); // minor
            long headerLen;
            long headerStart;
            if (major == 1) {
                headerLen = pre.getShort(8) & 0xFFFF;
                headerStart = 10;
            } else if (major == 2 || major == 3) {
                headerLen = pre.getInt(8) & 0xFFFF_FFFFL;
                headerStart = 12;
            } else {
                throw bad(path, "unsupported .npy format version " + major + " (1, 2 and 3 are supported)");
            }
            if (headerStart + headerLen > fileSize) {
                throw bad(path, "truncated header");
            }
            ByteBuffer hb = ByteBuffer.allocate(Math.toIntExact(headerLen));
            ch.position(headerStart);
            readFully(ch, hb, path, "the header");
            String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String descr = group(DESCR, header, path, "descr");
            boolean fortran = group(FORTRAN, header, path, "fortran_order").equals("True");
            int[] shape = parseShape(group(SHAPE, header, path, "shape"), path);
            ByteOrder order = switch (descr.isEmpty() ? ' ' : descr.charAt(0)) {
                case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
                case '>' -> ByteOrder.BIG_ENDIAN;
                case '=' -> ByteOrder.nativeOrder();
                default -> throw unsupported(path, descr);
            };
            NpyArray.Dtype dtype = null;
            for (NpyArray.Dtype t : NpyArray.Dtype.values()) {
                if (descr.substring(1).equals(t.code)) {
                    dtype = t;
                }
            }
            if (dtype == null) {
                throw unsupported(path, descr);
            }
            long count = 1;
            for (int d : shape) {
                count *= d;
            }
            if (count > Integer.MAX_VALUE - 8) {
                throw bad(path, "array of " + count + " elements is too large (the limit is 2^31 - 9)");
            }
            long dataStart = headerStart + headerLen;
            long need = count * dtype.bytes;
            if (fileSize - dataStart < need) {
                throw bad(path, "truncated data: shape " + shapeText(shape) + " of " + descr + " needs " + need
                        + " bytes, the file has " + (fileSize - dataStart));
            }
            ch.position(dataStart);
            NpyArray a = readData(ch, dtype, order, (int) count, shape, path);
            return fortran ? fromFortran(a, path) : a;
        }
    }

    private static NpyArray readData(FileChannel ch, NpyArray.Dtype dtype, ByteOrder order, int count, int[] shape, Path path)
            throws IOException {
        float[] f = dtype == NpyArray.Dtype.FLOAT32 ? new float[count] : null;
        double[] d = dtype == NpyArray.Dtype.FLOAT64 ? new double[count] : null;
        int[] i = dtype == NpyArray.Dtype.INT32 ? new int[count] : null;
        long[] l = dtype == NpyArray.Dtype.INT64 ? new long[count] : null;
        int perChunk = CHUNK / dtype.bytes;
        ByteBuffer buf = ByteBuffer.allocate(perChunk * dtype.bytes).order(order);
        for (int at = 0; at < count; at += perChunk) {
            int len = Math.min(perChunk, count - at);
            buf.clear().limit(len * dtype.bytes);
            readFully(ch, buf, path, "the data");
            buf.flip();
            switch (dtype) {
                case FLOAT32 -> buf.asFloatBuffer().get(f, at, len);
                case FLOAT64 -> buf.asDoubleBuffer().get(d, at, len);
                case INT32 -> buf.asIntBuffer().get(i, at, len);
                case INT64 -> buf.asLongBuffer().get(l, at, len);
            }
        }
        return new NpyArray(dtype, shape, f, d, i, l);
    }

    /** A Fortran-order array (1-D or 2-D) re-laid in C order. */
    private static NpyArray fromFortran(NpyArray a, Path path) {
        int[] s = a.shape();
        if (s.length <= 1) {
            return a;
        }
        if (s.length != 2) {
            throw bad(path, "Fortran-order arrays of " + s.length + " dimensions are not supported (save with C order)");
        }
        int rows = s[0];
        int cols = s[1];
        // element (r, c) is at c * rows + r in Fortran order
        return switch (a.dtype()) {
            case FLOAT32 -> {
                float[] o = new float[rows * cols];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        o[r * cols + c] = a.floats()[c * rows + r];
                    }
                }
                yield new NpyArray(a.dtype(), s, o, null, null, null);
            }
            case FLOAT64 -> {
                double[] o = new double[rows * cols];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        o[r * cols + c] = a.doubles()[c * rows + r];
                    }
                }
                yield new NpyArray(a.dtype(), s, null, o, null, null);
            }
            case INT32 -> {
                int[] o = new int[rows * cols];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        o[r * cols + c] = a.ints()[c * rows + r];
                    }
                }
                yield new NpyArray(a.dtype(), s, null, null, o, null);
            }
            case INT64 -> {
                long[] o = new long[rows * cols];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        o[r * cols + c] = a.longs()[c * rows + r];
                    }
                }
                yield new NpyArray(a.dtype(), s, null, null, null, o);
            }
        };
    }

    /** Writes float32 data of the given shape (C order, little-endian, format 1.0). */
    public static void writeFloat32(OutputStream out, float[] data, int... shape) throws IOException {
        checkSize(data.length, shape);
        out.write(header("<f4", shape));
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < data.length; at += CHUNK / 4) {
            int len = Math.min(CHUNK / 4, data.length - at);
            buf.clear();
            buf.asFloatBuffer().put(data, at, len);
            out.write(buf.array(), 0, len * 4);
        }
    }

    /** Writes int32 data of the given shape (C order, little-endian, format 1.0). */
    public static void writeInt32(OutputStream out, int[] data, int... shape) throws IOException {
        checkSize(data.length, shape);
        out.write(header("<i4", shape));
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < data.length; at += CHUNK / 4) {
            int len = Math.min(CHUNK / 4, data.length - at);
            buf.clear();
            buf.asIntBuffer().put(data, at, len);
            out.write(buf.array(), 0, len * 4);
        }
    }

    /** Magic, version 1.0, header length and the header dict padded with spaces to a multiple of 64. */
    static byte[] header(String descr, int[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        if (padded - 10 > 0xFFFF) {
            throw new IllegalArgumentException("shape too long for a version 1.0 header");
        }
        String text = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) (padded - 10));
        b.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    static String shapeText(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(")").toString();
    }

    private static void checkSize(int length, int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + shapeText(shape));
            }
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException("shape " + shapeText(shape) + " does not hold " + length + " values");
        }
    }

    private static int[] parseShape(String text, Path path) {
        String t = text.strip();
        if (t.isEmpty()) {
            return new int[0];
        }
        String[] parts = t.split(",");
        int count = 0;
        int[] shape = new int[parts.length];
        for (String p : parts) {
            String s = p.strip().replace("L", "");
            if (s.isEmpty()) {
                continue;
            }
            try {
                shape[count++] = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw bad(path, "bad shape (" + text + ")");
            }
        }
        return Arrays.copyOf(shape, count);
    }

    private static String group(Pattern p, String header, Path path, String what) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw bad(path, "header has no '" + what + "' entry: " + header.strip());
        }
        return m.group(1);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, Path path, String what) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw bad(path, "file ends inside " + what + " (truncated)");
            }
        }
    }

    private static IllegalArgumentException unsupported(Path path, String descr) {
        return bad(path, "unsupported dtype '" + descr + "'; supported: float32 (<f4), float64 (<f8), int32 (<i4), int64 (<i8)"
                + " in either byte order (convert with arr.astype(np.float32))");
    }

    private static IllegalArgumentException bad(Path path, String why) {
        return new IllegalArgumentException(path + ": " + why);
    }
}
