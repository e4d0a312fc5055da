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
 * The three GEMMs of one hidden Linear(512, 512) layer of the diffusion MLP at batch 256
 * (the training workload of ../shared/baselines/torch_dsm.py):
 * forward  Y[256,512]  = X[256,512] W^T        (transB)
 * backward dX[256,512] = dY[256,512] W         (plain)
 * backward dW[512,512] = dY^T[512,256] X       (transA, k = 256)
 * Each is 2 * 256 * 512 * 512 = 134 MFLOP.
 *
 * <p>HOW TO RUN: {@code ./lid jmh MlpGemmBench -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MlpGemmBench {
    static final int BATCH = 256;
    static final int WIDTH = 512;

    @Param({"1", "2"})
    public int threads;

    private Kernels kernels;
    private float[] x;
    private float[] w;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] dw;

    @Setup
    public void setup() {
        kernels = new VectorKernels(threads);
        Random rnd = new Random(2);
        x = gaussian(rnd, BATCH * WIDTH);
        w = gaussian(rnd, WIDTH * WIDTH);
        dy = gaussian(rnd, BATCH * WIDTH);
        y = new float[BATCH * WIDTH];
        dx = new float[BATCH * WIDTH];
        dw = new float[WIDTH * WIDTH];
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    @Benchmark
    public float[] forward() {
        kernels.gemm().sgemm(false, true, BATCH, WIDTH, WIDTH, 1f, x, 0, WIDTH, w, 0, WIDTH, 0f, y, 0, WIDTH);
        return y;
    }

    @Benchmark
    public float[] backwardInput() {
        kernels.gemm().sgemm(false, false, BATCH, WIDTH, WIDTH, 1f, dy, 0, WIDTH, w, 0, WIDTH, 0f, dx, 0, WIDTH);
        return dx;
    }

    @Benchmark
    public float[] backwardWeight() {
        kernels.gemm().sgemm(true, false, WIDTH, WIDTH, BATCH, 1f, dy, 0, WIDTH, x, 0, WIDTH, 0f, dw, 0, WIDTH);
        return dw;
    }
}
