package lid.kernels.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A lock file that keeps two commands from writing the same output at once: created with
 * CREATE_NEW (atomic), holding the owner's pid, command and start time. A second command finds it
 * and stops with a message naming the owner; a lock left by a process that no longer runs (killed)
 * is taken over. Released on {@link #close} and, as a fallback, when the JVM exits.
 */
public final class OutputLock implements AutoCloseable {
    /** Locks this process holds: taking one again (lid demo running lid estimate into its folder) nests. */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path file;
    private final Thread hook;
    private boolean released;

    private OutputLock(Path file, boolean owner) {
        this.file = file;
        this.released = !owner;
        this.hook = owner ? new Thread(this::delete, "lid-lock-release") : null;
        if (owner) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /**
     * Takes the lock at {@code file} for {@code command} writing {@code what}; fails with an
     * IllegalArgumentException naming the other command when it is held by a running process.
     */
    public static OutputLock acquire(Path file, String command, String what) {
        Path key = file.toAbsolutePath().normalize();
        if (HELD.contains(key)) {
            return new OutputLock(key, false); // nested: the outer command of this process holds it
        }
        String me = ProcessHandle.current().pid() + "\n" + command + "\n" + Instant.now() + "\n";
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.writeString(key, me, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                HELD.add(key);
                return new OutputLock(key, true);
            } catch (FileAlreadyExistsException e) {
                String[] owner = readOwner(file);
                long pid = parsePid(owner[0]);
                boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (alive && pid != ProcessHandle.current().pid()) {
                    throw new IllegalArgumentException("another lid command is writing " + what + " (pid " + pid + ", '"
                            + owner[1] + "', since " + owner[2] + "; lock file " + file + "): wait for it to finish, or "
                            + "choose another output");
                }
                try {
                    Files.deleteIfExists(file); // a stale lock of a process that is gone
                } catch (IOException ignored) {
                    // retried below
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write " + what + ": " + e.getMessage()
                        + " (is the folder writable?)");
            }
        }
        throw new IllegalArgumentException("cannot take the lock " + file + " for " + what + "; remove it if no lid command "
                + "is running");
    }

    private static String[] readOwner(Path file) {
        try {
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
            return new String[] {lines.length > 0 ? lines[0] : "", lines.length > 1 ? lines[1] : "?", lines.length > 2 ? lines[2] : "?"};
        } catch (IOException e) {
            return new String[] {"", "?", "?"};
        }
    }

    private static long parsePid(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private synchronized void delete() {
        if (!released) {
            released = true;
            HELD.remove(file);
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover lock of a dead process is taken over by the next command
            }
        }
    }

    @Override
    public void close() {
        if (hook == null) {
            return;
        }
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down: the hook runs anyway
        }
    }
}
