package lid.bench;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lid jmh ARGS}: the JMH runner over the benchmarks in this jar (e.g. {@code lid jmh GemmBench -prof gc}). */
@Command(name = "jmh", description = "Run JMH benchmarks shipped in this build (arguments go to JMH; -h for its help).")
final class JmhCommand implements Runnable {
    @Parameters(arity = "0..*", paramLabel = "JMH_ARGS", description = "arguments for the JMH runner")
    List<String> args = List.of();

    @Override
    public void run() {
        try {
            org.openjdk.jmh.Main.main(args.toArray(String[]::new));
        } catch (Exception e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
    }
}
