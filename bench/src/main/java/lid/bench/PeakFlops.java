package lid.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import lid.kernels.Parallel;

/**
 * The machine's FP32 peak, measured: a loop of independent vector FMAs on registers only
 * (12 chains, enough to cover FMA latency x units), so its rate is
 * FMA units x lanes x 2 flops x the clock the core really runs at. Per thread, times threads.
 */
final class PeakFlops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int ITERS = 1 << 20;

    private PeakFlops() {}

    /** GFLOP/s of {@code threads} threads running the loop at once (median of windows). */
    static double measure(int threads) {
        Parallel par = Parallel.of(threads);
        Runnable all = () -> par.forEach(threads, t -> burst());
        return RateMeter.measure(all, 0.3, 0.2, 5).median() * flopsPerBurst() * threads / 1e9;
    }

    static String method() {
        return "fma-loop: 12 independent " + S.vectorBitSize() + "-bit FMA chains per thread, all threads at once";
    }

    private static double flopsPerBurst() {
        return (double) ITERS * 12 * S.length() * 2;
    }

    private static volatile float sink;

    private static void burst() {
        FloatVector x = FloatVector.broadcast(S, 0.999999f);
        FloatVector y = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S, 0f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < ITERS; i++) {
            a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y); a3 = a3.fma(x, y);
            a4 = a4.fma(x, y); a5 = a5.fma(x, y); a6 = a6.fma(x, y); a7 = a7.fma(x, y);
            a8 = a8.fma(x, y); a9 = a9.fma(x, y); a10 = a10.fma(x, y); a11 = a11.fma(x, y);
        }
        sink = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
