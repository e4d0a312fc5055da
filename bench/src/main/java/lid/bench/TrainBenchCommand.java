package lid.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import lid.engine.Arena;
import lid.engine.Engine;
import lid.engine.Memory;
import lid.engine.Tensor;
import lid.engine.optim.Adam;
import lid.models.nets.MlpScoreNet;
import lid.models.noise.VpSde;
import lid.models.train.DsmLoss;
import lid.kernels.opencl.OpenClKernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lid bench train}: DSM training steps per second of the MLP score model, the workload of
 * {@code ../shared/baselines/torch_dsm.py --only train}: VP-SDE (beta 0.1..20), eps-matching loss
 * (sum over coordinates, mean over the batch), sinusoidal time embedding of width 128
 * concatenated to the input, SiLU, Adam lr 1e-3, a fixed Gaussian batch x0, fresh t and eps
 * every step.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "DSM training throughput of the MLP score model (compare: ../shared/baselines/torch_dsm.py --only train).")
final class TrainBenchCommand implements Runnable {
    @Mixin
    MlpBenchOptions mlp = new MlpBenchOptions();

    @Option(names = "--batch", defaultValue = "256", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Override
    public void run() {
        if (batch <= 0) {
            throw new IllegalArgumentException("--batch must be positive, got " + batch);
        }
        Output out = mlp.start();
        MlpScoreNet net = mlp.net();
        Adam opt = Adam.adam(net.parameters(), 1e-3f);
        VpSde sde = VpSde.standard();
        Tensor x0 = Tensor.randn(0, 1, batch, mlp.dim);
        long[] step = {0};
        Runnable oneStep = () -> {
            try (Arena arena = Arena.open()) {
                long s = step[0]++;
                Tensor t = Tensor.rand(1, 2 * s, batch);
                Tensor eps = Tensor.randn(1, 2 * s + 1, batch, mlp.dim);
                Tensor loss = DsmLoss.loss(net, sde, x0, t, eps);
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
            Engine.kernels().finish(); // a device runs the step asynchronously: time all of it
        };
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        RateMeter.measure(oneStep, 8.0, 0.1, 1); // long enough for C2 to compile kernels called once a step
        long steps0 = step[0];
        long[] moved0 = Engine.kernels() instanceof OpenClKernels cl ? cl.transferredBytes() : null;
        long heap0 = mx.getTotalThreadAllocatedBytes();
        long buffers0 = Memory.allocatedTotalBytes();
        Memory.resetPeak();
        RateMeter.Rates r = RateMeter.measure(oneStep, 0, mlp.seconds / 5, 5);
        long steps = step[0] - steps0;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("workload", "train");
        row.put("steps_per_s", r.median());
        row.put("steps_per_s_best", r.best());
        row.put("batch", batch);
        row.put("parameters", net.parameterCount());
        row.put("heap_bytes_per_step", (double) (mx.getTotalThreadAllocatedBytes() - heap0) / steps);
        row.put("tensor_buffer_bytes_allocated_per_step", (double) (Memory.allocatedTotalBytes() - buffers0) / steps);
        row.put("peak_tensor_bytes", Memory.peakBytes());
        mlp.describe(row);
        if (moved0 != null) { // residency check: what still crosses the bus each step
            long[] moved = ((OpenClKernels) Engine.kernels()).transferredBytes();
            row.put("host_to_device_bytes_per_step", (double) (moved[0] - moved0[0]) / steps);
            row.put("device_to_host_bytes_per_step", (double) (moved[1] - moved0[1]) / steps);
        }
        row.put("jdk", Runtime.version().toString());
        out.row(row);
        out.finish();
    }
}
