package lid.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lid.engine.Memory;
import lid.estimators.ConfiguredEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorRegistry;
import lid.estimators.diffusion.ModelHandle;
import lid.kernels.ScalarKernels;
import lid.models.TrainedModel;
import lid.models.nets.MlpScoreNet;
import lid.models.noise.VpSde;
import lid.models.params.Parameterization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lid bench estimate}: points per second and peak tensor memory of model-based
 * estimators on an (untrained: cost does not depend on the weights) MLP eps-model, the workload
 * of {@code ../shared/baselines/torch_dsm.py --only dsm_lid,flipd}: VP-SDE, 64 points per call,
 * DSM-LID with m = 8 draws at t = 0.05, FLIPD at t0 = 0.05 with the exact trace. Every call builds
 * a fresh input, so nothing is served from an estimator's cache.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Throughput and peak memory of estimators on an MLP model (compare: torch_dsm.py).")
final class EstimateBenchCommand implements Runnable {
    @Mixin
    MlpBenchOptions mlp = new MlpBenchOptions();

    @Option(names = "--estimators", split = ",", defaultValue = "dsm,flipd",
            description = "estimators; plain dsm and flipd get the baseline's settings (default: ${DEFAULT-VALUE})")
    List<String> estimators;

    @Option(names = "--points", defaultValue = "64", description = "points per estimation call (default: ${DEFAULT-VALUE})")
    int points;

    @Override
    public void run() {
        if (points <= 0) {
            throw new IllegalArgumentException("--points must be positive, got " + points);
        }
        Output out = mlp.start();
        MlpScoreNet net = mlp.net();
        TrainedModel model = new TrainedModel("mlp", net, VpSde.standard(), Parameterization.EPS, null);
        float[] x = new float[points * mlp.dim];
        ScalarKernels.INSTANCE.random().randomNormal(3, 0, 0, x.length, x, 0);
        EstimatorRegistry registry = EstimatorRegistry.standard();
        for (String name : estimators) {
            String spec = switch (name) {
                case "dsm" -> "dsm:t=0.05:m=8";
                case "flipd" -> "flipd:t0=0.05";
                default -> name;
            };
            ConfiguredEstimator ce = registry.parse(spec);
            Runnable call = () -> {
                EstimationInput in = EstimationInput.builder(x, points, mlp.dim).threads(mlp.threads)
                        .model(new ModelHandle(model)).build();
                ce.run(in);
            };
            RateMeter.measure(call, Math.min(3.0, mlp.seconds), 0.1, 1);
            long peak;
            try (Memory.Measurement mm = Memory.measure()) {
                call.run();
                peak = mm.peakAboveStart();
            }
            RateMeter.Rates r = RateMeter.measure(call, 0, mlp.seconds / 5, 5);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("estimator", name);
            row.put("spec", spec);
            row.put("points_per_s", r.median() * points);
            row.put("points_per_s_best", r.best() * points);
            row.put("peak_bytes", peak);
            row.put("points", points);
            mlp.describe(row);
            out.row(row);
        }
        out.finish();
    }
}
