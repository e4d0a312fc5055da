package lid.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lid.engine.Engine;
import lid.models.nets.MlpScoreNet;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The MLP workload of {@code lid bench train} and {@code lid bench estimate}, shaped like
 * {@code ../shared/baselines/torch_dsm.py}: D, hidden widths, time embedding 128, SiLU; threads
 * default to 2 like the baseline runs (a picocli mixin).
 */
final class MlpBenchOptions {
    @Option(names = "--dim", defaultValue = "100", description = "data dimension D (default: ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--widths", split = ",", defaultValue = "512,512,512,512", description = "hidden widths (default: ${DEFAULT-VALUE})")
    int[] widths;

    @Option(names = "--threads", defaultValue = "2", description = "compute threads, 0 = all processors (default: ${DEFAULT-VALUE})")
    int threads;

    @Mixin
    DeviceOption device = new DeviceOption();

    @Option(names = "--seconds", defaultValue = "5", description = "measured seconds, split in 5 windows (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE})")
    String format;

    /** Checks the options, installs the backend and returns the output of --format. */
    Output start() {
        for (int w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("--widths must all be >= 1, got " + w);
            }
        }
        if (dim <= 0 || !(seconds > 0) || threads < 0) {
            throw new IllegalArgumentException("--dim and --seconds must be positive and --threads >= 0 (0 = all processors)");
        }
        Output out = Output.of(format);
        Engine.use(device.kernels(threads));
        return out;
    }

    /** The untrained score network (speed does not depend on the weights). */
    MlpScoreNet net() {
        return new MlpScoreNet(dim, widths, 128, false, 0);
    }

    /** The workload and machine columns every row carries. */
    void describe(Map<String, Object> row) {
        row.put("dim", dim);
        row.put("widths", List.of(Arrays.stream(widths).boxed().toArray()));
        row.put("threads", threads);
        row.put("backend", Engine.kernels().name());
        row.put("device", Engine.kernels().device());
    }
}
