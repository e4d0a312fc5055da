package lid.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import lid.kernels.opencl.OpenCl;
import lid.kernels.opencl.OpenClKernels;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square SGEMM C = A B (row-major, n x n x n) on OpenCL device {@code device} (numbered as in
 * {@code ./lid devices}), with the operands resident on the device (adopted, as the engine's
 * tensors are), so the time is the kernel's; each op waits for the device to finish.
 * GFLOP/s = 2 n^3 / (ms/op * 1e6). The device's name is printed at setup. Without an OpenCL
 * platform the setup fails at once with the reason (JMH reports it and runs the other
 * benchmarks); compare with GemmBench (the CPU) in the same run.
 *
 * <p>HOW TO RUN: {@code ./lid jmh OpenClGemmBench} (or {@code -p n=1024 -p device=1}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class OpenClGemmBench {

    @Param({"256", "512", "1024"})
    public int n;

    @Param({"0"})
    public int device;

    private OpenClKernels kernels;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup(Level.Trial)
    public void setup() {
        if (!OpenCl.available()) {
            String why = "OpenClGemmBench skipped: OpenCL: not available (" + OpenCl.unavailableReason() + ")";
            System.err.println(why);
            throw new IllegalStateException(why);
        }
        kernels = OpenCl.open(device);
        System.out.println("# device: " + kernels.device() + " (" + kernels.buildOptions() + ")");
        Random rnd = new Random(1);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (float) rnd.nextGaussian();
            b[i] = (float) rnd.nextGaussian();
        }
        kernels.adopt(a);
        kernels.adopt(b);
        kernels.adopt(c);
    }

    @Benchmark
    public float[] sgemm() {
        kernels.gemm().sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        kernels.finish();
        return c;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (kernels != null) {
            kernels.close();
        }
    }
}
