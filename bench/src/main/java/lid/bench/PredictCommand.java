package lid.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.datasets.io.Npy;
import lid.engine.Arena;
import lid.engine.Engine;
import lid.engine.Grad;
import lid.engine.Tensor;
import lid.kernels.io.AtomicFiles;
import lid.kernels.io.OutputLock;
import lid.models.DiffusionModel;
import lid.models.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lid predict --model CKPT --data PATH.npy|SPEC --t T --out EPS.npy}: the model's noise
 * prediction eps_hat(y, t) at every row y (as given: no noise is added), in eps units whatever the
 * network's parameterisation. For checking a model against another implementation (e.g.
 * {@code scripts/torch_check.py}) or using its predictions elsewhere.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a model's eps_hat(y, t) for every row y of the data (no noise added) as float32 [n, D].")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "CKPT", description = "checkpoint from lid train (or a model directory)")
    String model;

    @Option(names = "--data", required = true, paramLabel = "SPEC|PATH", description = "the points y: a SPEC or PATH.npy / PATH.csv")
    String data;

    @Option(names = "--n", paramLabel = "N", description = "points of a SPEC (default: " + Datasets.DEFAULT_N + "); a file is used whole")
    Integer n;

    @Option(names = "--seed", defaultValue = "0", description = "seed of a SPEC's sample (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--t", required = true, description = "time in the model's noise process")
    double t;

    @Option(names = "--batch", defaultValue = "1024", description = "rows per forward pass (default: ${DEFAULT-VALUE})")
    int batch;

    @Mixin
    ComputeOptions compute = new ComputeOptions();

    @Option(names = "--overwrite", description = "replace an existing --out file")
    boolean overwrite;

    @Option(names = "--out", required = true, paramLabel = "EPS.npy", description = "output, float32 [n, D]")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!(t > 0 && t <= 1)) {
            throw new IllegalArgumentException("--t must be in (0, 1], got " + t);
        }
        if (batch < 1 || (n != null && n < 1)) {
            throw new IllegalArgumentException("--batch and --n must be >= 1");
        }
        if (!out.getFileName().toString().endsWith(".npy")) {
            throw new IllegalArgumentException("--out " + out + " must end with .npy");
        }
        try (OutputLock lock = Outputs.file(out, "lid predict", Outputs.Kind.NPY, overwrite)) {
            Engine.use(compute.kernels());
            DiffusionModel m = ModelFiles.load(Path.of(model));
            Dataset ds = Datasets.isFile(data) ? Datasets.load(data, 0, seed)
                    : Datasets.load(data, n == null ? Datasets.DEFAULT_N : n, seed);
            if (ds.dim() != m.dim()) {
                throw new IllegalArgumentException("the data has D = " + ds.dim() + " but the model works in D = " + m.dim());
            }
            int d = ds.dim();
            float[] eps = new float[ds.n() * d];
            for (int from = 0; from < ds.n(); from += batch) {
                int rows = Math.min(batch, ds.n() - from);
                float[] y = java.util.Arrays.copyOfRange(ds.x(), from * d, (from + rows) * d);
                try (Grad.Scope off = Grad.off(); Arena a = Arena.open()) {
                    Tensor e = m.epsHat(Tensor.wrap(y, rows, d), DiffusionModel.times(rows, t));
                    System.arraycopy(e.toArray(), 0, eps, from * d, rows * d);
                }
            }
            try (AtomicFiles files = new AtomicFiles()) {
                files.add(out, o -> Npy.writeFloat32(o, eps, ds.n(), d));
                files.commit();
            }
            System.out.printf(Locale.ROOT, "wrote %s [%d x %d]: eps_hat of %s at t = %s%n", out, ds.n(), d, m.describe(), t);
            return 0;
        }
    }
}
