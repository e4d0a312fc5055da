package lid.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.nio.file.Path;
import java.util.Locale;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.engine.Engine;
import lid.engine.nn.Module;
import lid.engine.nn.Quantization;
import lid.kernels.Backends;
import lid.kernels.Kernels;
import lid.kernels.QuantizedMatrix;
import lid.kernels.WeightFormat;
import lid.models.ModelFiles;
import lid.models.TrainedModel;
import lid.models.nets.Architectures;
import lid.models.noise.NoiseProcess;
import lid.models.noise.VpSde;
import lid.models.params.Parameterization;
import lid.models.train.TrainConfig;
import lid.models.train.TrainListener;
import lid.models.train.Trainer;
import lid.models.train.Weighting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lid bench quant}: two measurements per weight format (f32, bf16, f16, q8, q4), each
 * taken in one run so the ratios are fair.
 * <ul>
 *   <li>{@code --kernel gemv|gemm}: throughput of the products; gemv: y = W x with W [size, size]
 *       (batch 1, memory-bound); gemm: Y[batch, size] = X W^T. Formats are timed in interleaved
 *       rounds; speedup_vs_f32 is the median over rounds of the ratio within a round,
 *       speedup_best_vs_f32 the fastest round of the format over the fastest round of f32.</li>
 *   <li>{@code --estimators dsm,flipd,...}: the estimators on a model quantized to each format
 *       ({@link QuantConsistency}): points/s, peak bytes, weight bytes, MAD of the LID estimates
 *       from the float32 model's.</li>
 * </ul>
 */
@Command(name = "quant", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Per weight format: quantized GEMV/GEMM throughput and weight bytes (--kernel), or estimator "
                + "speed, memory and deviation from the float32 estimates (--estimators).",
            "With --estimators and no --model, an MLP (--arch) is trained in-process for --steps steps on --data "
                + "(--n points, seed --seed): about 20 s with the defaults on 2 cores (the training budget of lid demo)."})
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

    @Option(names = "--windows", defaultValue = "9",
            description = "kernel timing rounds, each one window per format (default: ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--window-seconds", description = "seconds per timing window (default: 0.3 for kernels, 1 for estimators)")
    Double windowSeconds;

    @Option(names = "--estimators", split = ",", paramLabel = "NAME",
            description = "measure these model-based estimators (e.g. dsm,flipd,ism,nb; options as in lid estimate) "
                    + "instead of a kernel")
    List<String> estimators;

    @Option(names = "--model", paramLabel = "CKPT|DIR", description = "float32 model to quantize (default: train one in-process)")
    String model;

    @Option(names = "--data", defaultValue = "affine:D=10,dims=2-4-8,latent=uniform",
            description = "dataset SPEC or file (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--n", defaultValue = "4000", description = "dataset points (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "seed of data, training and estimator draws (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--points", defaultValue = "200", description = "points that get estimates (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--arch", defaultValue = "mlp:widths=256-256-256", description = "architecture trained in-process (default: ${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--steps", defaultValue = "6000", description = "training steps in-process (default: ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--rounds", defaultValue = "3", description = "estimator timing rounds over all formats (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public void run() {
        if (estimators != null) {
            runEstimators();
            return;
        }
        if (windows < 1) {
            throw new IllegalArgumentException("--windows must be >= 1, got " + windows);
        }
        if (size <= 0 || batch <= 0 || threads <= 0) {
            throw new IllegalArgumentException("--size, --batch and --threads must be positive");
        }
        double windowSeconds = this.windowSeconds != null ? this.windowSeconds : 0.3;
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
        List<WeightFormat> fs = formats.stream().map(WeightFormat::parse).distinct().toList();
        QuantizedMatrix[] qs = new QuantizedMatrix[fs.size()];
        Runnable[] ops = new Runnable[fs.size()];
        for (int i = 0; i < fs.size(); i++) {
            QuantizedMatrix q = QuantizedMatrix.quantize(fs.get(i), size, size, w, 0);
            qs[i] = q;
            ops[i] = gemv ? () -> k.quantized().qgemv(q, x, 0, 0f, y, 0) : () -> k.quantized().qmatmul(true, m, q, x, 0, size, 0f, y, 0, size);
            RateMeter.measure(ops[i], 1.0, windowSeconds, 1); // warm-up: C2 compiles each format's path
        }
        // Windows interleaved over the formats: this VM's speed drifts by up to several times over
        // seconds, and a drift then hits every format of a round alike (ratios are per round).
        double[][] rates = new double[fs.size()][windows];
        for (int win = 0; win < windows; win++) {
            for (int i = 0; i < fs.size(); i++) {
                rates[i][win] = RateMeter.measure(ops[i], 0, windowSeconds, 1).perWindow()[0];
            }
        }
        int ref = fs.indexOf(WeightFormat.F32);
        for (int i = 0; i < fs.size(); i++) {
            RateMeter.Rates r = new RateMeter.Rates(rates[i]);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kernel", kernel);
            row.put("format", fs.get(i).tag());
            row.put("size", size);
            row.put("batch", m);
            row.put("threads", threads);
            row.put("gflops", r.median() * flops / 1e9);
            row.put("gflops_best", r.best() * flops / 1e9);
            row.put("weight_bytes", qs[i].weightBytes());
            row.put("weight_gb_per_s", r.median() * qs[i].weightBytes() / 1e9);
            if (ref >= 0) {
                double[] ratio = new double[windows];
                for (int win = 0; win < windows; win++) {
                    ratio[win] = rates[i][win] / rates[ref][win];
                }
                row.put("speedup_vs_f32", new RateMeter.Rates(ratio).median());
                // fastest window against fastest window: the estimate least touched by other
                // tenants of a shared machine, which slow compute-bound formats more than f32
                row.put("speedup_best_vs_f32", r.best() / new RateMeter.Rates(rates[ref]).best());
            }
            row.put("backend", k.name());
            out.row(row);
        }
        out.finish();
    }

    private void runEstimators() {
        if (points <= 0 || threads <= 0 || rounds <= 0 || n <= 0 || steps <= 0) {
            throw new IllegalArgumentException("--points, --threads, --rounds, --n and --steps must be positive");
        }
        List<WeightFormat> fs = formats.stream().map(WeightFormat::parse).distinct().toList();
        Output out = Output.of(format);
        Engine.use(Backends.cpu(threads));
        Dataset ds = Datasets.load(data, n, seed);
        if (points > ds.n()) {
            throw new IllegalArgumentException("--points " + points + " exceeds the " + ds.n() + " points of " + data);
        }
        TrainedModel m = model != null ? loadFloatModel(ds) : train(ds);
        QuantConsistency.Settings st = new QuantConsistency.Settings(m, ds, estimators, fs, points, threads, seed, rounds,
                windowSeconds != null ? windowSeconds : 1.0);
        System.err.println(QuantConsistency.describe(st));
        QuantConsistency.run(st, out);
    }

    private TrainedModel loadFloatModel(Dataset ds) {
        TrainedModel m = ModelFiles.load(Path.of(model));
        if (m.dim() != ds.dim()) {
            throw new IllegalArgumentException("model " + model + " works in dimension " + m.dim() + " but " + data + " has "
                    + ds.dim() + "; pass the --data it was trained on");
        }
        if (m.net() instanceof Module net && Quantization.format(net) != WeightFormat.F32) {
            System.err.println("note: " + model + " is already " + Quantization.format(net).tag() + "; its dequantized "
                    + "weights serve as the f32 reference");
        }
        return m;
    }

    /** The documented default budget: --arch trained for --steps AdamW steps (batch 128, EMA 0.999) on all n points. */
    private TrainedModel train(Dataset ds) {
        NoiseProcess proc = VpSde.standard();
        int[] ranks = ds.mixture() == null ? null : ds.mixture().components().stream().mapToInt(c -> c.rank()).toArray();
        Architectures.Built built = Architectures.resolve(arch, new Architectures.Context(ds.dim(), ds.image(), ranks, proc, seed));
        Parameterization p = Architectures.forcedParameterization(arch);
        TrainedModel tm = new TrainedModel(built.arch(), built.net(), proc, p != null ? p : Parameterization.EPS, ds.image());
        TrainConfig d = TrainConfig.defaults(steps, proc.trainRange());
        TrainConfig cfg = new TrainConfig(steps, d.batch(), d.lr(), d.warmup(), d.minLr(), d.weightDecay(), d.clip(), d.ema(),
                d.tMin(), d.tMax(), p != null ? Weighting.NATIVE : Weighting.EPS, false, seed, 0, 0, d.divergeFactor());
        System.err.printf(Locale.ROOT, "training %s on %s (%d points) for %d steps...%n", built.arch(), ds.spec(), ds.n(), steps);
        long t0 = System.nanoTime();
        Trainer trainer = new Trainer(tm, cfg, ds.x(), new float[0], null, Map.of());
        trainer.run(TrainListener.NONE);
        trainer.useEmaWeights();
        System.err.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return tm;
    }
}
