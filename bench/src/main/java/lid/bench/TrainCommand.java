package lid.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lid.datasets.Datasets;
import lid.engine.Engine;
import lid.kernels.io.OutputLock;
import lid.models.noise.NoiseProcesses;
import lid.models.params.Parameterization;
import lid.models.train.TrainPlan;
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

    @Mixin
    ComputeOptions compute = new ComputeOptions();

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
        compute.threads();
        NoiseProcesses.parse(process); // bad values fail before any data is made
        if (param != null) {
            Parameterization.parse(param);
        }
        if (weighting != null) {
            Weighting.parse(weighting);
        }
        if (extend && resume == null) {
            throw new IllegalArgumentException("--extend only applies with --resume");
        }
        if (overwrite && resume != null) {
            throw new IllegalArgumentException("--overwrite starts a new run and --resume continues one: give one of them");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be a number > 0, got " + lr);
        }
        if (minLr > lr) {
            throw new IllegalArgumentException("--min-lr " + minLr + " is above --lr " + lr + " (the cosine schedule decays from "
                    + "--lr to --min-lr)");
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
                if (Files.exists(lossLog) && !overwrite && !LossLog.isLossLog(lossLog)) {
                    throw new IllegalArgumentException("refusing to overwrite " + lossLog + ": it is not a loss log lid train "
                            + "wrote; choose another --loss-log, or add --overwrite");
                }
                try {
                    Files.createDirectories(lossLog.toAbsolutePath().getParent());
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("cannot create the folder of --loss-log " + lossLog + ": " + e.getMessage());
                }
            }
            return train();
        }
    }

    private int train() {
        Engine.use(compute.kernels());
        TrainPlan plan = TrainPlan.builder(data, model, steps).n(n).validation(valSize).seed(seed).process(process).param(param)
                .weighting(weighting).batch(batch).lr(lr).warmup(warmup).minLr(minLr).weightDecay(weightDecay).clip(clip).ema(ema)
                .tMin(tMin).tMax(tMax).meanOverDims(meanOverDims).validateEvery(validateEvery).checkpointEvery(checkpointEvery)
                .out(out).resume(resume == null ? null : resume.isEmpty() ? out : Path.of(resume)).extend(extend).build();
        return TrainRun.run(plan, progress, lossLog);
    }
}
