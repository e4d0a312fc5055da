package lid.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import lid.kernels.Kernels;
import lid.kernels.QuantizedMatrix;
import lid.kernels.VectorKernels;
import lid.kernels.WeightFormat;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Products with quantized weights W [size, size] in every format: GEMV (batch 1, y = W x,
 * memory-bound) and GEMM (batch 256, Y = X W^T, compute-bound). The primary score is
 * products per microsecond; secondary results are rates: "gflops" (counted in kflop, so
 * kflop/us = GFLOP/s) and "weightGBps" (weight bytes read, in KB/us = GB/s). The bytes of W
 * itself are printed once per trial ("# weight bytes: ...") since JMH sums event counters
 * over iterations. "-prof gc" gives the allocation ("gc.alloc.rate.norm": bytes per product).
 *
 * <p>HOW TO RUN: {@code ./lid jmh QuantBench -prof gc} (5 formats x 4 sizes x 2 kernels take
 * about 6 minutes; narrow with {@code -p size=4096 -p kernel=gemv}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class QuantBench {
    @Param({"f32", "bf16", "f16", "q8", "q4"})
    public String format;

    @Param({"512", "1024", "2048", "4096"})
    public int size;

    @Param({"gemv", "gemm"})
    public String kernel;

    @Param({"2"})
    public int threads;

    private Kernels kernels;
    private QuantizedMatrix w;
    private float[] x;
    private float[] y;
    private int batch;
    private long weightBytes;

    /** Work and weight traffic in units of 1000, reported as rates: kflop/us = GFLOP/s, KB/us = GB/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        public double gflops;
        public double weightGBps;
    }

    @Setup(Level.Trial)
    public void setup() {
        kernels = new VectorKernels(threads);
        batch = kernel.equals("gemv") ? 1 : 256;
        Random rnd = new Random(3);
        float[] dense = new float[size * size];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float) rnd.nextGaussian();
        }
        w = QuantizedMatrix.quantize(WeightFormat.parse(format), size, size, dense, 0);
        x = new float[batch * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        y = new float[batch * size];
        weightBytes = w.weightBytes();
        System.out.printf("# weight bytes: %d (%s, %dx%d)%n", weightBytes, format, size, size);
    }

    @Benchmark
    public float[] product(Rates rates) {
        if (batch == 1) {
            kernels.quantized().qgemv(w, x, 0, 0f, y, 0);
        } else {
            kernels.quantized().qmatmul(true, batch, w, x, 0, size, 0f, y, 0, size);
        }
        rates.gflops += 2e-3 * batch * size * size;
        rates.weightGBps += 1e-3 * weightBytes;
        return y;
    }
}
