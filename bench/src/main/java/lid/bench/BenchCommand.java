package lid.bench;

import picocli.CommandLine.Command;

/** {@code lid bench ...}: speed and memory measurements, one JSON object per line with --format json. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: speed, memory and accuracy.",
        subcommands = {GemmBenchCommand.class, TrainBenchCommand.class, QuantBenchCommand.class,
                EstimateBenchCommand.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
