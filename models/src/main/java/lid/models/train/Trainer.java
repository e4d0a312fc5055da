package lid.models.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lid.engine.Arena;
import lid.engine.Engine;
import lid.engine.Grad;
import lid.engine.Tensor;
import lid.kernels.RandomKeys;
import lid.engine.optim.Adam;
import lid.engine.optim.CosineSchedule;
import lid.engine.optim.Ema;
import lid.engine.optim.GradClip;
import lid.models.ModelFiles;
import lid.models.TrainedModel;

/**
 * The DSM training loop: AdamW with linear warm-up and cosine decay, global gradient clipping,
 * EMA of the weights, periodic validation and atomic checkpoints, and exact resumption.
 *
 * <p>Reproducibility: every random draw of step s (the batch's row indices, its times, its
 * noise) comes from Philox streams 4s, 4s+1, 4s+2 of the key (seed, TRAINING), never from a stateful
 * generator, and the learning rate and EMA decay are functions of s. A checkpoint holds the raw
 * weights, the EMA weights and Adam's moments and step count, so a resumed run repeats the
 * uninterrupted one bit for bit (same thread count).
 *
 * <p>Failure: a NaN/Inf loss or gradient norm, or a smoothed loss above {@code divergeFactor}
 * times its best, throws {@link TrainingDiverged} before the step is applied; the last
 * checkpoint written stays as it was.
 */
public final class Trainer {
    /** Validation draws read streams from here on (training step s uses streams 4s .. 4s + 2). */
    private static final long VALIDATION_STREAMS = 1L << 62;

    private final TrainedModel model;
    private final TrainConfig cfg;
    /** The Philox key of every training draw: the run's seed for purpose TRAINING (not the seed itself). */
    private final long key;
    private final DsmObjective objective;
    private final float[] train;
    private final int trainRows;
    private final float[] validation;
    private final int validationRows;
    private final int dim;
    private final Path out;
    private final Map<String, String> runMetadata;
    private final List<Tensor> params;
    private final Adam optimizer;
    private final CosineSchedule schedule;
    private final Ema ema;
    private long step;

    /**
     * @param train       training rows [n, D]
     * @param validation  held-out rows [m, D] (m may be 0)
     * @param out         checkpoint path (written atomically), or null for none
     * @param runMetadata extra checkpoint metadata (data spec, n, seed, ...)
     */
    public Trainer(TrainedModel model, TrainConfig cfg, float[] train, float[] validation, Path out,
                   Map<String, String> runMetadata) {
        this.model = model;
        this.cfg = cfg;
        this.key = RandomKeys.key(cfg.seed(), RandomKeys.Purpose.TRAINING);
        this.dim = model.dim();
        if (train.length == 0 || train.length % dim != 0 || validation.length % dim != 0) {
            throw new IllegalArgumentException("training data must be non-empty rows of D = " + dim + " values");
        }
        this.train = train;
        this.trainRows = train.length / dim;
        this.validation = validation;
        this.validationRows = validation.length / dim;
        this.objective = new DsmObjective(model.process(), model.parameterization(), cfg.weighting(), cfg.meanOverDims());
        this.out = out;
        this.runMetadata = new LinkedHashMap<>(runMetadata);
        this.params = model.net().parameters();
        this.optimizer = Arena.unscoped(() -> new Adam(params, (float) cfg.lr(), 0.9f, 0.999f, 1e-8f,
                (float) cfg.weightDecay(), true));
        this.schedule = new CosineSchedule((float) cfg.lr(), cfg.warmup(), (int) Math.min(Integer.MAX_VALUE, cfg.steps()),
                (float) cfg.minLr());
        this.ema = cfg.ema() > 0 ? Arena.unscoped(() -> new Ema(params, (float) cfg.ema())) : null;
    }

    public long step() {
        return step;
    }

    public TrainedModel model() {
        return model;
    }

    /**
     * Restores weights, EMA, optimizer state and the step from a checkpoint of this same run.
     * Fails (naming each difference) when its model or trajectory settings differ; a different
     * step count is allowed (the cosine schedule then differs from the original run).
     */
    public void resumeFrom(Path checkpoint) {
        resumeFrom(checkpoint, false);
    }

    /**
     * Continues from a checkpoint of this run. Every setting must equal the checkpoint's, {@code
     * --steps} included: then the result is bit-identical to an uninterrupted run. With {@code
     * extend}, --steps may grow beyond the checkpoint's: the run goes on to the new total with the
     * cosine schedule recomputed for it from the checkpoint's step on (so it is not the run that
     * had the new total from the start).
     */
    public void resumeFrom(Path checkpoint, boolean extend) {
        ModelFiles.Loaded l = ModelFiles.read(checkpoint);
        Map<String, String> md = l.metadata();
        Map<String, String> mine = metadata();
        StringBuilder diff = new StringBuilder();
        for (Map.Entry<String, String> e : mine.entrySet()) {
            String key = e.getKey();
            if (key.equals("step") || key.equals("train.steps") || key.startsWith("result.") || key.equals("optimizer_steps")) {
                continue;
            }
            String have = md.get(key);
            if (have != null && !have.equals(e.getValue())) {
                diff.append(String.format(Locale.ROOT, "%n  %s: checkpoint %s, now %s", key, have, e.getValue()));
            }
        }
        if (!diff.isEmpty()) {
            throw new IllegalArgumentException("cannot resume from " + checkpoint + ": this run's settings differ from the "
                    + "checkpoint's (resume with the same command line):" + diff);
        }
        Map<String, Tensor> t = l.tensors();
        Map<String, Tensor> raw = new LinkedHashMap<>();
        Map<String, Tensor> state = new LinkedHashMap<>();
        t.forEach((k, v) -> {
            if (k.startsWith(ModelFiles.RAW_PREFIX)) {
                raw.put(k.substring(ModelFiles.RAW_PREFIX.length()), v);
            } else if (k.startsWith(ModelFiles.OPTIMIZER_PREFIX)) {
                state.put(k.substring(ModelFiles.OPTIMIZER_PREFIX.length()), v);
            }
        });
        if (state.isEmpty()) {
            throw new IllegalArgumentException(checkpoint + " holds no optimizer state (weights only); cannot resume from it");
        }
        // --steps last: a different setting or a weights-only file is the first thing to hear about
        String steps = md.get("train.steps");
        long at = Long.parseLong(md.getOrDefault("step", "0"));
        if (steps != null && !steps.equals(Long.toString(cfg.steps()))) {
            if (cfg.steps() <= at) {
                throw new IllegalArgumentException("cannot resume from " + checkpoint + ": it is at step " + at + " of --steps "
                        + steps + " already, and this run asks for --steps " + cfg.steps() + "; resume with --steps " + steps
                        + " (the same run), or with --extend and more than " + at + " steps to go on");
            }
            if (!extend) {
                throw new IllegalArgumentException("cannot resume from " + checkpoint + ": it was trained with --steps " + steps
                        + " (now at step " + at + "), this run asks for --steps " + cfg.steps() + ". Resume with --steps " + steps
                        + " for the same run, or add --extend to continue to " + cfg.steps() + " steps (the cosine schedule is "
                        + "then recomputed for the new total from step " + at + " on)");
            }
        }

        Map<String, Tensor> names = model.net().namedParameters();
        boolean hasEma = ema != null;
        if (hasEma != !raw.isEmpty()) {
            throw new IllegalArgumentException("cannot resume from " + checkpoint + ": it was trained " + (raw.isEmpty()
                    ? "without" : "with") + " EMA, this run " + (hasEma ? "uses" : "does not use") + " it");
        }
        int i = 0;
        for (Map.Entry<String, Tensor> e : names.entrySet()) {
            Tensor inference = l.model().net().namedParameters().get(e.getKey());
            if (hasEma) {
                e.getValue().copyFrom(raw.get(e.getKey()));
                ema.shadow().get(i).copyFrom(inference);
            } else {
                e.getValue().copyFrom(inference);
            }
            i++;
        }
        long done = Long.parseLong(md.getOrDefault("step", "0"));
        optimizer.loadState(state, Long.parseLong(md.getOrDefault("optimizer_steps", Long.toString(done))));
        step = done;
    }

    /** Runs until {@code cfg.steps()}; writes a checkpoint every {@code checkpointEvery} steps and at the end. */
    public TrainResult run(TrainListener listener) {
        long first = step;
        listener.started(first, cfg.steps());
        double smoothed = Double.NaN, best = Double.POSITIVE_INFINITY, last = Double.NaN, val = Double.NaN;
        long start = System.nanoTime();
        float[] xb = new float[cfg.batch() * dim];
        float[] u = new float[cfg.batch()];
        while (step < cfg.steps() && !stopRequested) {
            long s = step;
            float lr = schedule.at(s);
            double loss;
            try (Arena arena = Arena.open()) {
                Tensor x0 = batch(s, xb, u);
                Tensor t = times(key, 4 * s + 1, cfg.batch());
                Tensor eps = Tensor.randn(key, 4 * s + 2, cfg.batch(), dim);
                Tensor l = objective.loss(model.net(), x0, t, eps);
                loss = l.item();
                if (!Double.isFinite(loss)) {
                    throw diverged(s, "the training loss is " + loss + " at step " + s);
                }
                optimizer.zeroGrad();
                l.backward();
            }
            model.net().beforeStep();
            if (cfg.clip() > 0) {
                double norm = GradClip.clipByGlobalNorm(params, cfg.clip());
                if (!Double.isFinite(norm)) {
                    throw diverged(s, "the gradient norm is " + norm + " at step " + s);
                }
            }
            smoothed = Double.isNaN(smoothed) ? loss : 0.98 * smoothed + 0.02 * loss;
            if (s - first >= 100) {
                best = Math.min(best, smoothed);
                if (smoothed > cfg.divergeFactor() * best) {
                    throw diverged(s, String.format(Locale.ROOT, "the loss diverged at step %d: smoothed loss %.4g is more "
                            + "than %.0fx its best %.4g", s, smoothed, cfg.divergeFactor(), best));
                }
            }
            optimizer.setLr(lr);
            optimizer.step();
            model.net().afterStep();
            if (ema != null) {
                ema.update((float) Math.min(cfg.ema(), (1.0 + s) / (10.0 + s)));
            }
            last = loss;
            step = s + 1;
            listener.step(s, loss, lr);
            boolean end = step == cfg.steps();
            if (validationRows > 0 && (end || (cfg.validateEvery() > 0 && step % cfg.validateEvery() == 0))) {
                val = validationLoss();
                listener.validated(s, val);
            }
            if (out != null && (end || (cfg.checkpointEvery() > 0 && step % cfg.checkpointEvery() == 0))) {
                save(out, last, val);
                listener.checkpointed(s, out);
            }
        }
        boolean stopped = step < cfg.steps();
        if (stopped && out != null && step > first) {
            save(out, last, val); // the last completed step, so a stopped run loses nothing
            listener.checkpointed(step - 1, out);
        }
        TrainResult r = new TrainResult(step, step - first, last, smoothed, val, (System.nanoTime() - start) / 1e9, stopped);
        listener.finished(r);
        return r;
    }

    private TrainingDiverged diverged(long s, String what) {
        String kept = out == null ? "" : (s >= cfg.checkpointEvery() && cfg.checkpointEvery() > 0
                ? "; the last good checkpoint (step " + (s / cfg.checkpointEvery()) * cfg.checkpointEvery() + ") is kept at " + out
                : "; no checkpoint was written yet");
        return new TrainingDiverged(s, what + kept + ". Try a smaller --lr (now " + cfg.lr() + "), a longer --warmup or "
                + "--clip 1; check the data for extreme values.");
    }

    /** Rows drawn with replacement: index floor(u * n), u from stream 4s. */
    private Tensor batch(long s, float[] xb, float[] u) {
        Engine.kernels().random().randomUniform(key, 4 * s, 0, u.length, u, 0);
        for (int i = 0; i < u.length; i++) {
            int row = Math.min(trainRows - 1, (int) (u[i] * trainRows));
            System.arraycopy(train, row * dim, xb, i * dim, dim);
        }
        return Tensor.of(xb, u.length, dim);
    }

    private Tensor times(long seed, long stream, int n) {
        Tensor t = Tensor.rand(seed, stream, n);
        float[] d = t.data();
        for (int i = 0; i < n; i++) {
            d[i] = (float) (cfg.tMin() + (cfg.tMax() - cfg.tMin()) * d[i]);
        }
        return t;
    }

    /** The objective on the held-out rows with fixed times and noise (same draws every call), current weights. */
    public double validationLoss() {
        double total = 0;
        int chunk = Math.max(cfg.batch(), 256);
        try (Grad.Scope off = Grad.off()) {
            for (int from = 0; from < validationRows; from += chunk) {
                int rows = Math.min(chunk, validationRows - from);
                try (Arena arena = Arena.open()) {
                    float[] xs = new float[rows * dim];
                    System.arraycopy(validation, from * dim, xs, 0, rows * dim);
                    Tensor t = times(key, VALIDATION_STREAMS + 2L * from, rows);
                    Tensor eps = Tensor.randn(key, VALIDATION_STREAMS + 2L * from + 1, rows, dim);
                    total += objective.loss(model.net(), Tensor.of(xs, rows, dim), t, eps).item() * rows;
                }
            }
        }
        return total / validationRows;
    }

    /** Everything that defines the run, as checkpoint metadata. */
    private Map<String, String> metadata() {
        Map<String, String> md = new LinkedHashMap<>(ModelFiles.describe(model));
        md.putAll(runMetadata);
        md.putAll(cfg.metadata());
        md.put("step", Long.toString(step));
        return md;
    }

    /** Writes the checkpoint: inference weights (EMA if on), raw weights and Adam state under optimizer/. */
    public void save(Path path, double lastLoss, double validationLoss) {
        Map<String, Tensor> names = model.net().namedParameters();
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, Tensor> extra = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Tensor> e : names.entrySet()) {
            weights.put(e.getKey(), ema != null ? ema.shadow().get(i) : e.getValue());
            if (ema != null) {
                extra.put(ModelFiles.RAW_PREFIX + e.getKey(), e.getValue());
            }
            i++;
        }
        optimizer.state().forEach((k, v) -> extra.put(ModelFiles.OPTIMIZER_PREFIX + k, v));
        Map<String, String> md = metadata();
        md.put("optimizer_steps", Long.toString(optimizer.steps()));
        md.put("result.loss", Double.toString(lastLoss));
        if (!Double.isNaN(validationLoss)) {
            md.put("result.validation_loss", Double.toString(validationLoss));
        }
        try {
            ModelFiles.save(path, model, weights, extra, md);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint path, or null when the run writes none. */
    public Path out() {
        return out;
    }

    /** Set from another thread (Ctrl-C): {@link #run} stops after the step in progress and writes a checkpoint. */
    private volatile boolean stopRequested;

    /** Asks a running {@link #run} to stop after the current step, writing a checkpoint of it. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Copies the EMA weights into the network (call after training, before using the model). */
    public void useEmaWeights() {
        if (ema != null) {
            ema.copyToParams();
        }
    }
}
