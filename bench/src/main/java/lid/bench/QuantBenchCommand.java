package lid.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lid.kernels.Backends;
import lid.kernels.Kernels;
import lid.kernels.QuantizedMatrix;
import lid.kernels.WeightFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lid bench quant --kernel gemv|gemm}: throughput of products with weights stored in each
 * format (f32, bf16, f16, q8, q4), measured in the same run so the ratios are fair.
 * gemv: y = W x with W [size, size] (batch 1, memory-bound); gemm: Y[batch, size] = X W^T.
 */
@Command(name = "quant", mixinStandardHelpOptions = true,
        description = "Throughput and weight bytes of quantized GEMV/GEMM per weight format.")
final class QuantBenchCommand implements Runnable {
    @Option(names = "--kernel", defaultValue = "gemv", description = "gemv or gemm (default: ${DEFAULT-VALUE})")
    String kernel;

    @Option(names = "--size", defaultValue = "4096", description = "W is size x size (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--batch", defaultValue = "256", description = "rows of X for gemm (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--formats", split = ",", defaultValue = "f32,bf16,f16,q8,q4", description = "formats (default: ${DEFAULT-VALUE})")
    List<String> formats;

    @Option(names = "--threads", defaultValue = "2", description = "threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--windows", defaultValue = "7", description = "timing windows (default: ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--window-seconds", defaultValue = "0.3", description = "seconds per window (default: ${DEFAULT-VALUE})")
    double windowSeconds;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public void run() {
        if (size <= 0 || batch <= 0 || threads <= 0) {
            throw new IllegalArgumentException("--size, --batch and --threads must be positive");
        }
        boolean gemv = switch (kernel) {
            case "gemv" -> true;
            case "gemm" -> false;
            default -> throw new IllegalArgumentException("unknown --kernel '" + kernel + "'; valid: gemv, gemm");
        };
        Output out = Output.of(format);
        Kernels k = Backends.cpu(threads);
        Random rnd = new Random(1);
        float[] w = new float[size * size];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian();
        }
        int m = gemv ? 1 : batch;
        float[] x = new float[m * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        float[] y = new float[m * size];
        double flops = 2.0 * m * size * size;
        Double f32Rate = null;
        for (String name : formats) {
            WeightFormat f = WeightFormat.parse(name);
            QuantizedMatrix q = QuantizedMatrix.quantize(f, size, size, w, 0);
            Runnable op = gemv
                    ? () -> k.qgemv(q, x, 0, 0f, y, 0)
                    : () -> k.qmatmul(true, m, q, x, 0, size, 0f, y, 0, size);
            RateMeter.Rates r = RateMeter.measure(op, 1.0, windowSeconds, windows);
            double gflops = r.median() * flops / 1e9;
            if (f == WeightFormat.F32) {
                f32Rate = gflops;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kernel", kernel);
            row.put("format", f.tag());
            row.put("size", size);
            row.put("batch", m);
            row.put("threads", threads);
            row.put("gflops", gflops);
            row.put("gflops_best", r.best() * flops / 1e9);
            row.put("weight_bytes", q.weightBytes());
            row.put("weight_gb_per_s", r.median() * q.weightBytes() / 1e9);
            if (f32Rate != null) {
                row.put("speedup_vs_f32", gflops / f32Rate);
            }
            row.put("backend", k.name());
            out.row(row);
        }
        out.finish();
    }
}
