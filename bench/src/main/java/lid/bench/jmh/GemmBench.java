package lid.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import lid.kernels.Kernels;
import lid.kernels.VectorKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square SGEMM C = A B (row-major, n x n x n) on the Vector API backend.
 * GFLOP/s = 2 n^3 / (ms/op * 1e6). The result lands in C, which the state keeps alive, so
 * nothing is dead code; allocation per op should be ~0 (check with -prof gc).
 *
 * <p>HOW TO RUN: {@code ./lid jmh GemmBench -prof gc} (or {@code -p n=512 -p threads=1}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmBench {

    @Param({"256", "512", "1024"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    private Kernels kernels;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setup() {
        kernels = new VectorKernels(threads);
        Random rnd = new Random(1);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (float) rnd.nextGaussian();
            b[i] = (float) rnd.nextGaussian();
        }
    }

    @Benchmark
    public float[] sgemm() {
        kernels.gemm().sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
