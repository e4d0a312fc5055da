package lid.kernels.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a group of files all-or-nothing: each is written to a temporary file beside its target,
 * and only when all are complete are they renamed into place (atomically where the file system
 * allows). On any failure the temporary files are deleted and no target is touched.
 */
public final class AtomicFiles implements AutoCloseable {
    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private record Staged(Path temp, Path target) {}

    private final List<Staged> staged = new ArrayList<>();
    private boolean committed;

    /** Writes the content to a temporary file for target. */
    public AtomicFiles add(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("cannot write " + target + ": directory " + dir + " does not exist");
        }
        // a hidden sibling created with the default permissions (createTempFile would make it 0600)
        Path temp = abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        staged.add(new Staged(temp, abs));
        try (OutputStream out = new BufferedOutputStream(
                Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
            content.writeTo(out);
        }
        return this;
    }

    /** Renames every temporary file onto its target. */
    public void commit() throws IOException {
        for (Staged s : staged) {
            try {
                Files.move(s.temp(), s.target(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(s.temp(), s.target(), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
    }

    /** Temporary files of this project: hidden, ending in .tmp (or .tmp.png, the plots' own staging). */
    private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile("\\..+\\.tmp(\\.png)?");

    /**
     * Deletes the temporary files a killed run left for {@code target} ({@code .NAME.*.tmp}); call
     * while holding the target's lock, before writing it. Returns how many were removed.
     */
    public static int cleanStale(Path target) {
        Path abs = target.toAbsolutePath();
        String prefix = "." + abs.getFileName() + ".";
        return clean(abs.getParent(), name -> name.startsWith(prefix) && TEMP.matcher(name).matches());
    }

    /** Deletes every temporary file of this project in a folder (an output folder whose lock is held). */
    public static int cleanStaleIn(Path dir) {
        return clean(dir, name -> TEMP.matcher(name).matches());
    }

    private static int clean(Path dir, java.util.function.Predicate<String> match) {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (var list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                if (match.test(p.getFileName().toString()) && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        } catch (IOException e) {
            // best effort: leftovers are hidden and named *.tmp
        }
        return removed;
    }

    /** Deletes the temporary files of an uncommitted group. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        for (Staged s : staged) {
            try {
                Files.deleteIfExists(s.temp());
            } catch (IOException ignored) {
                // best effort: the file is hidden (leading '.') and named *.tmp
            }
        }
    }
}
