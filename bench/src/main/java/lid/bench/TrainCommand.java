package lid.bench;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lid.kernels.io.OutputLock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.engine.Engine;
import lid.models.TrainedModel;
import lid.models.nets.Architectures;
import lid.models.nets.MolrgDenoiser;
import lid.models.noise.NoiseProcess;
import lid.models.noise.NoiseProcesses;
import lid.models.params.Parameterization;
import lid.models.train.SubspaceRecovery;
import lid.models.train.TrainConfig;
import lid.models.train.TrainResult;
import lid.models.train.Trainer;
import lid.models.train.TrainingDiverged;
import lid.models.train.Weighting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lid train --data SPEC|PATH.npy --model ARCH --steps N --out CKPT.safetensors}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a diffusion model by denoising score matching and write a checkpoint (safetensors) that "
                + "'lid sample' and the estimators rebuild from the file alone.",
            "ARCH: mlp, mlp-unet, sm-mlp, unet, molrg, each with options name:key=value,... "
                + "(e.g. mlp:widths=512-512-512,temb=128,ln=true); --model list shows them all.",
            "--seed draws the data's sample, the initial weights and every training draw, each from its own Philox key "
                + "(seed, purpose); step s reads streams of (seed, TRAINING) only: --resume continues bit for bit."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "SPEC|PATH", description = "dataset SPEC or .npy/.csv file")
    String data;

    @Option(names = "--model", required = true, paramLabel = "ARCH", description = "architecture (see above); 'list' lists them")
    String model;

    @Option(names = "--steps", paramLabel = "N", description = "optimizer steps")
    Long steps;

    @Option(names = "--out", paramLabel = "CKPT.safetensors", description = "checkpoint, written atomically")
    Path out;

    @Option(names = "--n", paramLabel = "N", description = "training points (default: " + Datasets.DEFAULT_N
            + " for a SPEC; every row of a file but the held-out ones)")
    Integer n;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the data's sample (not its manifold: that is the "
            + "SPEC's instance=K), the init and every training draw, each under its own key (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--val-size", paramLabel = "M", description = "held-out validation points (default: min(1000, n/10))")
    Integer valSize;

    @Option(names = "--batch", defaultValue = "128", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "peak learning rate, AdamW (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--warmup", paramLabel = "STEPS", description = "linear warm-up steps (default: min(500, steps/10))")
    Integer warmup;

    @Option(names = "--min-lr", defaultValue = "0", description = "learning rate at the end of the cosine decay (default: ${DEFAULT-VALUE})")
    double minLr;

    @Option(names = "--weight-decay", defaultValue = "0", description = "AdamW weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--clip", defaultValue = "1", description = "global gradient-norm clip, 0 = off (default: ${DEFAULT-VALUE})")
    double clip;

    @Option(names = "--ema", defaultValue = "0.999", description = "EMA decay of the saved weights, 0 = off (default: ${DEFAULT-VALUE})")
    double ema;

    @Option(names = "--process", defaultValue = "vp", paramLabel = "SPEC",
            description = "noise process: vp, ve, rf, edm, with options e.g. vp:bmin=0.1,bmax=20 (default: ${DEFAULT-VALUE})")
    String process;

    @Option(names = "--param", paramLabel = "eps|score|x0|v|flow", description = "what the network predicts (default: eps; x0 for molrg)")
    String param;

    @Option(names = "--weighting", paramLabel = "eps|native|x0|score",
            description = "DSM weighting: eps = ||eps_hat - eps||^2 (default), native = the network's own MSE (default for molrg)")
    String weighting;

    @Option(names = "--mean-over-dims", description = "average the squared error over coordinates instead of summing")
    boolean meanOverDims;

    @Option(names = "--t-min", description = "smallest training time (default: the process's, e.g. 1e-5 for vp)")
    Double tMin;

    @Option(names = "--t-max", description = "largest training time (default: 1)")
    Double tMax;

    @Option(names = "--validate-every", paramLabel = "STEPS", description = "validation loss every STEPS, 0 = only at the end (default: max(100, steps/20))")
    Long validateEvery;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS", description = "checkpoint every STEPS, 0 = only at the end (default: max(1000, steps/10))")
    Long checkpointEvery;

    @Option(names = "--resume", arity = "0..1", fallbackValue = "", paramLabel = "CKPT",
            description = "continue from CKPT (default: --out) with the same settings; the result equals an uninterrupted run")
    String resume;

    @Option(names = "--overwrite", description = "replace an existing checkpoint at --out with a new run (without it, an "
            + "existing checkpoint is only continued, with --resume)")
    boolean overwrite;

    @Option(names = "--extend", description = "with --resume: allow a larger --steps than the checkpoint's; the cosine "
            + "schedule is recomputed for the new total from the checkpoint's step on (not the same as a run that had it from the start)")
    boolean extend;

    @Option(names = "--threads", defaultValue = "0", description = "compute threads, 0 = all processors (default: ${DEFAULT-VALUE})")
    int threads;

    @Mixin
    DeviceOption device = new DeviceOption();

    @Option(names = "--loss-log", paramLabel = "PATH.csv", description = "also write every step's loss (and validation losses) to this CSV")
    Path lossLog;

    @Option(names = "--progress", defaultValue = "auto", description = "auto, bar, lines or none (default: ${DEFAULT-VALUE})")
    String progress;

    @Override
    public Integer call() {
        if (model.equalsIgnoreCase("list")) {
            System.out.print(ModelHelp.architectures());
            return 0;
        }
        if (data == null || steps == null || out == null) {
            throw new IllegalArgumentException("lid train needs --data SPEC|PATH, --model ARCH, --steps N and --out CKPT.safetensors"
                    + " (--model list shows the architectures)");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
        }
        NoiseProcess proc = NoiseProcesses.parse(process);
        Parameterization forced = Architectures.forcedParameterization(model);
        Parameterization p = param == null ? (forced != null ? forced : Parameterization.EPS) : Parameterization.parse(param);
        if (forced != null && p != forced) {
            throw new IllegalArgumentException(model.split(":")[0] + " predicts " + forced.id() + "; drop --param " + param);
        }
        Weighting w = weighting != null ? Weighting.parse(weighting) : forced != null ? Weighting.NATIVE : Weighting.EPS;
        if (extend && resume == null) {
            throw new IllegalArgumentException("--extend only applies with --resume");
        }
        if (overwrite && resume != null) {
            throw new IllegalArgumentException("--overwrite starts a new run and --resume continues one: give one of them");
        }
        if (minLr > lr) {
            throw new IllegalArgumentException("--min-lr " + minLr + " is above --lr " + lr + " (the cosine schedule decays from "
                    + "--lr to --min-lr)");
        }
        if (valSize != null && valSize < 0) {
            throw new IllegalArgumentException("--val-size must be >= 0, got " + valSize);
        }
        TrainProgress.parse(progress); // a bad value fails before the data is made
        if (lossLog != null && lossLog.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--loss-log and --out are the same file; give the loss log its own path (PATH.csv)");
        }
        if (resume == null && !overwrite && Files.exists(out) && Outputs.isCheckpoint(out)) {
            throw new IllegalArgumentException(out + " already holds a checkpoint: add --resume to continue it, --overwrite to "
                    + "replace it with a new run, or choose another --out");
        }
        try (OutputLock lock = Outputs.file(out, "lid train", Outputs.Kind.CHECKPOINT)) {
            if (lossLog != null) {
                if (Files.isDirectory(lossLog)) {
                    throw new IllegalArgumentException("--loss-log " + lossLog + " is a folder; give a file path (PATH.csv)");
                }
                try {
                    Files.createDirectories(lossLog.toAbsolutePath().getParent());
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("cannot create the folder of --loss-log " + lossLog + ": " + e.getMessage());
                }
            }
            return train(proc, p, w);
        }
    }

    private int train(NoiseProcess proc, Parameterization p, Weighting w) {
        Engine.use(device.kernels(threads));

        boolean file = Datasets.isFile(data);
        if (n != null && n <= 0) {
            throw new IllegalArgumentException("--n must be >= 1, got " + n);
        }
        Dataset ds = loadData(file);
        int held = valSize != null ? valSize : Math.min(1000, ds.n() / 10);
        if (held < 0 || held >= ds.n()) {
            throw new IllegalArgumentException("--val-size " + held + " leaves no training points of " + ds.n());
        }
        int trainRows = ds.n() - held;
        float[] train = Arrays.copyOfRange(ds.x(), 0, trainRows * ds.dim());
        float[] validation = Arrays.copyOfRange(ds.x(), trainRows * ds.dim(), ds.n() * ds.dim());

        int[] ranks = ds.mixture() == null ? null : ds.mixture().components().stream().mapToInt(c -> c.rank()).toArray();
        Architectures.Built built = Architectures.resolve(model, new Architectures.Context(ds.dim(), ds.image(), ranks, proc, seed));
        TrainedModel tm = new TrainedModel(built.arch(), built.net(), proc, p, ds.image());
        double[] range = proc.trainRange();
        TrainConfig defaults = TrainConfig.defaults(steps, range);
        Path from = resume == null ? null : resume.isEmpty() ? out : Path.of(resume);
        if (from != null && !Files.exists(from)) {
            throw new IllegalArgumentException("--resume: checkpoint not found: " + from);
        }
        if (from != null) {
            checkDim(from, ds.dim());
        }
        // The warm-up default depends on --steps; a resumed run that extends --steps keeps the recorded one.
        int warm = warmup != null ? warmup : from != null ? recordedWarmup(from, defaults.warmup()) : defaults.warmup();
        TrainConfig cfg = new TrainConfig(steps, batch, lr, warm, minLr, weightDecay, clip,
                ema, tMin != null ? tMin : range[0], tMax != null ? tMax : range[1], w, meanOverDims, seed,
                validateEvery != null ? validateEvery : defaults.validateEvery(),
                checkpointEvery != null ? checkpointEvery : defaults.checkpointEvery(), defaults.divergeFactor());

        Map<String, String> md = new LinkedHashMap<>();
        md.put("data.spec", ds.spec());
        String distribution = Datasets.distribution(ds.spec());
        if (distribution != null) {
            md.put("data.distribution", distribution);
        }
        md.put("data.n", Integer.toString(ds.n()));
        md.put("data.seed", Long.toString(seed));
        md.put("data.validation", Integer.toString(held));
        md.put(ResultsVersion.KEY, Integer.toString(ResultsVersion.CURRENT));
        Trainer trainer = new Trainer(tm, cfg, train, validation, out, md);
        if (from != null) {
            trainer.resumeFrom(from, extend);
            System.err.printf(Locale.ROOT, "resuming from %s at step %d of %d%s%n", from, trainer.step(), steps,
                    extend ? " (--extend: the schedule is recomputed for " + steps + " steps)" : "");
        }
        System.err.printf(Locale.ROOT, "training %s (%,d parameters) on %s [%d x %d] (+%d held out), %s, %s-prediction, "
                        + "%s weighting, %d steps of %d, backend %s%n", built.arch(), paramCount(tm), ds.spec(), trainRows,
                ds.dim(), held, proc.spec(), p.id(), w.id(), steps, batch, Engine.kernels().name());
        TrainProgress bar = new TrainProgress(TrainProgress.parse(progress), System.err, 5);
        TrainResult r;
        // Ctrl-C (or a plain kill) asks the trainer to stop after the step in progress and write a checkpoint of it
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread stop = new Thread(() -> {
            trainer.requestStop();
            try {
                done.await(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "lid-train-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            r = trainer.run(lossLog == null ? bar : new LossLog(bar, lossLog));
            if (r.stopped()) { // said before the hook is released: the JVM ends as soon as it is
                bar.close();
                System.err.printf(Locale.ROOT, "interrupted at step %d of %d: wrote the checkpoint %s; continue with the same "
                        + "command and --resume%n", r.steps(), steps, out);
                System.err.flush();
            }
        } catch (TrainingDiverged e) {
            bar.close();
            System.err.println("error: training stopped: " + e.getMessage());
            return 3;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException ignored) {
                // shutting down already (Ctrl-C): the hook is running and has been released
            }
        }
        if (r.stopped()) {
            return 130;
        }
        System.out.printf(Locale.ROOT, "trained %d steps (%d this run) in %.1f s: %.1f steps/s; loss %.4f (smoothed %.4f), "
                        + "validation loss %.4f; wrote %s%n", r.steps(), r.stepsThisRun(), r.seconds(), r.stepsPerSecond(),
                r.lastLoss(), r.smoothedLoss(), r.validationLoss(), out);
        if (tm.net() instanceof MolrgDenoiser dae && ds.mixture() != null
                && ds.mixture().components().size() == dae.bases().size()) {
            trainer.useEmaWeights();
            double[] e = SubspaceRecovery.errors(dae.bases(), ds.mixture());
            System.out.printf(Locale.ROOT, "subspace recovery ||U_hat U_hat^T - U U^T||_F per component: %s%n",
                    Arrays.toString(Arrays.stream(e).map(v -> Math.round(v * 1e4) / 1e4).toArray()));
        }
        return 0;
    }

    private Dataset loadData(boolean file) {
        try {
            if (file) {
                long want = n == null ? 0 : (long) n + (valSize != null ? valSize : n / 9);
                Dataset ds = Datasets.load(data, (int) Math.min(Integer.MAX_VALUE, want), seed);
                if (want > ds.n()) {
                    System.err.printf(Locale.ROOT, "note: %s has %d rows, fewer than the %d asked for (--n and the held-out "
                            + "rows); using all of them%n", data, ds.n(), want);
                }
                return ds;
            }
            int count = n != null ? n : Datasets.DEFAULT_N;
            long extra = valSize != null ? valSize : Math.min(1000, count / 9);
            if (count + extra > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("--n " + count + " plus " + extra + " held-out points is more than one array "
                        + "can hold (2^31 - 1 values)");
            }
            return Datasets.load(data, (int) (count + extra), seed);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void checkDim(Path ckpt, int dim) {
        String have = lid.models.ModelFiles.read(ckpt).metadata().get("dim");
        if (have != null && !have.equals(Integer.toString(dim))) {
            throw new IllegalArgumentException("the dataset has D = " + dim + " but checkpoint " + ckpt + " was trained on D = "
                    + have + "; use the checkpoint's dataset or train a new model");
        }
    }

    private static int recordedWarmup(Path ckpt, int fallback) {
        String w = lid.models.ModelFiles.read(ckpt).metadata().get("train.warmup");
        return w == null ? fallback : Integer.parseInt(w);
    }

    private static long paramCount(TrainedModel m) {
        return m.net().parameters().stream().mapToLong(t -> t.size()).sum();
    }
}
