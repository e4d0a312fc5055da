package lid.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code lid} command line. */
@Command(name = "lid",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Local intrinsic dimension with diffusion models: datasets, training, estimators, benchmarks.",
        subcommands = {DevicesCommand.class, BenchCommand.class, JmhCommand.class, DemoCommand.class, DatasetsCommand.class, TrainCommand.class, EstimateCommand.class,
                SampleCommand.class, lid.bench.reproduce.ReproduceCommand.class, QuantizeCommand.class,
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
        return cli.execute(args);
    }

    /** Bad input (IllegalArgumentException) is one clear line and exit code 2, not a stack trace. */
    static int handle(Exception ex, CommandLine line, CommandLine.ParseResult parsed) throws Exception {
        if (ex instanceof IllegalArgumentException) {
            line.getErr().println("error: " + ex.getMessage());
            return 2;
        }
        throw ex;
    }

    /** A sub-command run from inside another (lid demo), with the same error handling. */
    static int execute(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler(Main::handle);
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
