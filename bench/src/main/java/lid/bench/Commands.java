package lid.bench;

/** Entry points for commands that other packages run in-process (lid reproduce trains models). */
public final class Commands {
    private Commands() {}

    /** {@code lid train ARGS}; returns its exit code (2 bad input, 3 diverged). */
    public static int train(String... args) {
        return Main.execute(new TrainCommand(), args);
    }
}
