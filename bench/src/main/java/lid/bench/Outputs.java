package lid.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import lid.kernels.io.AtomicFiles;
import lid.kernels.io.OutputLock;

/**
 * Where a command writes, checked before it computes anything: the folder or file can be
 * written, an existing file is of the kind the command writes (never a user's other file), a
 * second command writing the same output at the same time is stopped by a lock, and temporary
 * files a killed run left behind are removed.
 */
public final class Outputs {
    private Outputs() {}

    /** What an output file must be when it already exists (so it may be replaced). */
    enum Kind {
        CHECKPOINT("a lid checkpoint (.safetensors)"),
        NPY("a .npy array"),
        DATASET("a dataset written by lid datasets generate");

        final String what;

        Kind(String what) {
            this.what = what;
        }
    }

    /** An output folder (lid estimate / demo / quantize / reproduce --out DIR), created and locked. */
    public static OutputLock folder(Path dir, String command) {
        if (dir.toString().isBlank()) {
            throw new IllegalArgumentException("--out is empty; give the output folder");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " is an existing file, not a folder; give a folder path");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the output folder " + dir + ": " + reason(e));
        }
        OutputLock lock = OutputLock.acquire(dir.resolve(".lid.lock"), command, "to " + dir);
        AtomicFiles.cleanStaleIn(dir);
        return lock;
    }

    /**
     * An output file (lid train --out CKPT, lid sample --out X.npy): its folder is created, an
     * existing file must be of {@code kind}, and a lock beside it keeps a second command away.
     */
    static OutputLock file(Path file, String command, Kind kind) {
        return file(file, command, kind, true);
    }

    /**
     * As {@link #file(Path, String, Kind)}; with {@code replace} false an existing file is replaced
     * only when it is this command's own output (a dataset beside the PATH.json lid datasets
     * generate wrote for it), else the user is asked for --overwrite: a .npy of the right kind may
     * still be someone's data.
     */
    static OutputLock file(Path file, String command, Kind kind, boolean replace) {
        if (!replace && Files.exists(file) && !generatedBy(file)) {
            throw new IllegalArgumentException(file + " exists: add --overwrite to replace it, or choose another --out");
        }
        return fileChecked(file, command, kind);
    }

    /** True when a .npy/.csv file has the PATH.json that lid datasets generate writes beside its own files. */
    private static boolean generatedBy(Path file) {
        Path json = sibling(file, ".json");
        try {
            return Files.isRegularFile(json) && Files.readString(json).contains("\"data\" : \"" + file.getFileName() + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    private static OutputLock fileChecked(Path file, String command, Kind kind) {
        if (file.toString().isBlank()) {
            throw new IllegalArgumentException("--out is empty; give the output file");
        }
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException("--out " + file + " is a folder; give a file path");
        }
        if (Files.exists(abs) && !isKind(abs, kind)) {
            throw new IllegalArgumentException("refusing to overwrite " + file + ": it is not " + kind.what
                    + "; choose another --out or move that file away");
        }
        try {
            Files.createDirectories(abs.getParent());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the folder of " + file + ": " + reason(e));
        }
        OutputLock lock = OutputLock.acquire(abs.resolveSibling("." + abs.getFileName() + ".lock"), command, file.toString());
        AtomicFiles.cleanStale(abs);
        return lock;
    }

    /** True when an existing file is of the kind (read from its first bytes, not its name). */
    static boolean isKind(Path file, Kind kind) {
        return switch (kind) {
            case CHECKPOINT -> isCheckpoint(file);
            case NPY, DATASET -> startsWith(file, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})
                    || (kind == Kind.DATASET && file.toString().endsWith(".csv") && Files.exists(sibling(file, ".json")));
        };
    }

    /** A safetensors file whose header metadata names an architecture (what lid train and quantize write). */
    static boolean isCheckpoint(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] len = in.readNBytes(8);
            if (len.length < 8) {
                return false;
            }
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n <= 1 || n > (100 << 20)) {
                return false;
            }
            String header = new String(in.readNBytes((int) n), StandardCharsets.UTF_8);
            return header.startsWith("{") && header.contains("\"__metadata__\"") && header.contains("\"arch\"");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean startsWith(Path file, byte[] magic) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(magic.length), magic);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path sibling(Path file, String ext) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ext);
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (" + m + ")";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return m + " exists and is not a folder";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
