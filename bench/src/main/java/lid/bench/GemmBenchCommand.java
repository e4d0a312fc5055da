package lid.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lid.kernels.Backends;
import lid.kernels.Kernels;
import lid.kernels.ScalarGemm;
import lid.kernels.VectorInfo;
import lid.kernels.opencl.OpenClKernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lid bench gemm}: SGEMM GFLOP/s (C = A B, square n x n x n, row-major) per size and
 * thread count, the median of several timing windows, beside the machine's measured FP32 peak
 * and, with --naive, the plain triple loop measured in the same run.
 */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = "SGEMM throughput per size and thread count (compare: ../shared/baselines/numpy_gemm.py).")
final class GemmBenchCommand implements Runnable {

    @Option(names = "--sizes", split = ",", defaultValue = "256,512,1024", description = "square sizes n (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread counts (default: ${DEFAULT-VALUE})")
    List<Integer> threads;

    @Option(names = "--backend", defaultValue = "auto", description = "auto, vector or scalar (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--windows", defaultValue = "7", description = "timing windows per case (default: ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--window-seconds", defaultValue = "0.5", description = "seconds per window (default: ${DEFAULT-VALUE})")
    double windowSeconds;

    @Option(names = "--naive", description = "also time the naive triple loop (1 thread) and print the ratio")
    boolean naive;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE})")
    String format;

    @Mixin
    DeviceOption device = new DeviceOption();

    @Override
    public void run() {
        Output out = Output.of(format);
        for (int n : sizes) {
            if (n <= 0) {
                throw new IllegalArgumentException("--sizes must be positive, got " + n);
            }
            lid.kernels.MemoryCheck.arrayLength((long) n * n, "--sizes " + n + " (one n x n matrix)");
            lid.kernels.MemoryCheck.require(3.0 * n * n * 4, "--sizes " + n + " (three n x n float matrices)");
        }
        if (device.openClIndex() >= 0) {
            Kernels k = device.kernels(0);
            if (k.resident()) {
                runOnDevice(k, out);
                return;
            }
        }
        Map<Integer, Double> peaks = new LinkedHashMap<>();
        threads = threads.stream().map(t -> t == 0 ? lid.kernels.Parallel.machineThreads() : t).toList();
        for (int t : threads) {
            if (t < 0) {
                throw new IllegalArgumentException("--threads must be >= 0 (0 = all processors), got " + t);
            }
            peaks.put(t, PeakFlops.measure(t));
        }
        for (int n : sizes) {
            float[] a = random(n * n, 1);
            float[] b = random(n * n, 2);
            float[] c = new float[n * n];
            double flops = 2.0 * n * n * n;
            double naiveGflops = Double.NaN;
            if (naive) {
                naiveGflops = RateMeter.measure(() -> ScalarGemm.INSTANCE.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n),
                        0.0, Math.max(windowSeconds, 1e-9), 3).median() * flops / 1e9;
            }
            for (int t : threads) {
                Kernels k = Backends.byName(backend, t);
                RateMeter.Rates r = RateMeter.measure(() -> k.gemm().sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n),
                        Math.max(0.5, windowSeconds), windowSeconds, windows);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("kernel", "sgemm");
                row.put("backend", k.name());
                row.put("device", k.device());
                row.put("n", n);
                row.put("threads", t);
                row.put("gflops", r.median() * flops / 1e9);
                row.put("gflops_best", r.best() * flops / 1e9);
                row.put("peak_gflops", peaks.get(t));
                row.put("fraction_of_peak", r.median() * flops / 1e9 / peaks.get(t));
                if (naive) {
                    row.put("naive_gflops", naiveGflops);
                    row.put("speedup_vs_naive", r.median() * flops / 1e9 / naiveGflops);
                }
                row.put("windows", windows);
                row.put("peak_method", PeakFlops.method());
                row.put("jdk", Runtime.version().toString());
                row.put("max_vector_size", VectorInfo.vmFlag("MaxVectorSize"));
                row.put("use_avx", VectorInfo.vmFlag("UseAVX"));
                out.row(row);
            }
        }
        out.finish();
    }

    /**
     * SGEMM on an OpenCL device: operands adopted (resident on the device, as tensors are), so
     * the rate is the kernel's; each timed call waits for the device to finish.
     */
    private void runOnDevice(Kernels k, Output out) {
        for (int n : sizes) {
            float[] a = random(n * n, 1);
            float[] b = random(n * n, 2);
            float[] c = new float[n * n];
            k.adopt(a);
            k.adopt(b);
            k.adopt(c);
            double flops = 2.0 * n * n * n;
            RateMeter.Rates r = RateMeter.measure(() -> {
                k.gemm().sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
                k.finish();
            }, Math.max(0.5, windowSeconds), windowSeconds, windows);
            k.release(a);
            k.release(b);
            k.release(c);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kernel", "sgemm");
            row.put("backend", k.name());
            row.put("device", k.device());
            row.put("n", n);
            row.put("gflops", r.median() * flops / 1e9);
            row.put("gflops_best", r.best() * flops / 1e9);
            row.put("windows", windows);
            if (k instanceof OpenClKernels cl) {
                row.put("compute_units", cl.info().computeUnits());
                row.put("build_options", cl.buildOptions());
            }
            row.put("jdk", Runtime.version().toString());
            out.row(row);
        }
        out.finish();
    }

    private static float[] random(int len, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }
}
