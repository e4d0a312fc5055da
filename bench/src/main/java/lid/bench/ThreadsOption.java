package lid.bench;

import picocli.CommandLine.Option;

/** {@code --threads N}, 0 = all processors (a picocli mixin of every command that computes). */
public final class ThreadsOption {
    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "compute threads, 0 = all processors (default: ${DEFAULT-VALUE})")
    int threads;

    /** The thread count asked for (0 = all processors); a negative one is an error naming the option. */
    public int get() {
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0 (0 = all processors), got " + threads);
        }
        return threads;
    }
}
