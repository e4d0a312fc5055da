package lid.kernels;

import java.util.Locale;

/**
 * Up-front checks that a computation fits in the JVM's heap, so a request that cannot fit says how
 * much it needs and how to give it, instead of running into an OutOfMemoryError (or an array size
 * that overflows) minutes later.
 */
public final class MemoryCheck {
    private MemoryCheck() {}

    /** Fails with a clear message if {@code bytes} more cannot fit in this JVM's heap. */
    public static void require(double bytes, String what) {
        Runtime rt = Runtime.getRuntime();
        long max = rt.maxMemory();
        long used = rt.totalMemory() - rt.freeMemory();
        if (bytes > max - used) {
            long suggest = (long) Math.ceil((bytes + used) * 1.25 / (1L << 30));
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s needs about %s of memory, more than this JVM can still use (%s of %s in use): ask for less, or give "
                            + "the JVM more with LID_JAVA_OPTS=-Xmx%dg (the machine must have it)",
                    what, bytes(bytes), bytes(used), bytes(max), Math.max(1, suggest)));
        }
    }

    /** Fails if an array of {@code count} elements cannot exist in Java (over 2^31 - 1 elements). */
    public static int arrayLength(long count, String what) {
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s would hold %,d values, more than one Java array can (2^31 - 1): ask for less, or split the work",
                    what, count));
        }
        return (int) count;
    }

    /** A byte count in B, KB, MB, GB or TB. */
    public static String bytes(double b) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
    }
}
