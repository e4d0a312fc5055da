package lid.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code lid} command line. */
@Command(name = "lid",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Local intrinsic dimension with diffusion models: datasets, training, estimators, benchmarks.",
        subcommands = {DevicesCommand.class, BenchCommand.class, JmhCommand.class, DemoCommand.class, DatasetsCommand.class, TrainCommand.class, EstimateCommand.class,
                SampleCommand.class, PredictCommand.class, lid.bench.reproduce.ReproduceCommand.class, QuantizeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // JMH's own options (-prof gc, -f 1, ...) pass through to it untouched.
        cli.getSubcommands().get("jmh").setUnmatchedOptionsArePositionalParams(true).setStopAtPositional(true);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler(Main::badArguments);
        return executeGuarded(cli, args);
    }

    /** A command line that does not parse: one line naming the problem and where the help is, exit 2. */
    static int badArguments(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName(" ");
        cmd.getErr().println("error: " + ex.getMessage() + " (" + name + " --help lists the options)");
        return 2;
    }

    /**
     * Bad input (IllegalArgumentException) and files that cannot be read or written (I/O errors)
     * are one clear line and exit code 2, not a stack trace; anything else is a bug and keeps its
     * trace.
     */
    static int handle(Exception ex, CommandLine line, CommandLine.ParseResult parsed) throws Exception {
        if (ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException
                || ex instanceof java.io.IOException) {
            line.getErr().println("error: " + ex.getMessage());
            return 2;
        }
        throw ex;
    }

    /** Runs a command line; running out of heap is reported with the way to give the JVM more. */
    private static int executeGuarded(CommandLine cli, String... args) {
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            Runtime rt = Runtime.getRuntime();
            cli.getErr().println("error: out of memory: this JVM may use " + lid.kernels.MemoryCheck.bytes(rt.maxMemory())
                    + " of heap and the run needed more; give it more with LID_JAVA_OPTS=-Xmx<N>g (e.g. -Xmx16g, the machine "
                    + "must have it) or ask for less (--n, --points, batch=, m=, K=)");
            return 2;
        }
    }

    /** A sub-command run from inside another (lid demo), with the same error handling. */
    static int execute(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler(Main::badArguments);
        return executeGuarded(cli, args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
