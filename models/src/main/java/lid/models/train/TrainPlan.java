package lid.models.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.models.ModelFiles;
import lid.models.ResultsVersion;
import lid.models.TrainedModel;
import lid.models.nets.Architectures;
import lid.models.noise.NoiseProcess;
import lid.models.noise.NoiseProcesses;
import lid.models.params.Parameterization;

/**
 * A whole training run as {@code lid train}, {@code lid demo} and {@code lid reproduce} make it:
 * the data (a SPEC or a file) with its held-out validation rows, the network, the noise process,
 * what the network predicts and how the loss weighs it, the {@link TrainConfig}, the checkpoint
 * and what it records. Every default lives here (and in {@link TrainConfig.Builder}), so the
 * commands only name what their user changed.
 *
 * <p>Data: a SPEC gives n points plus the held-out ones (default n = {@value Datasets#DEFAULT_N},
 * held out min(1000, n/9) extra), a file its first n rows plus n/9 (default every row); the last
 * {@code validation} rows (default min(1000, rows/10)) are held out for the validation loss. The
 * seed draws the data's sample, the weights and every training draw, each from its own key.
 */
public final class TrainPlan {
    private final Dataset data;
    private final int held;
    private final TrainedModel model;
    private final Weighting weighting;
    private final TrainConfig config;
    private final Map<String, String> metadata;
    private final Path out;
    private final Path resume;
    private final boolean extend;

    private TrainPlan(Builder b) {
        if (b.steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + b.steps);
        }
        if (b.extend && b.resume == null) {
            throw new IllegalArgumentException("--extend only applies with --resume");
        }
        if (b.validation != null && b.validation < 0) {
            throw new IllegalArgumentException("--val-size must be >= 0, got " + b.validation);
        }
        if (b.n != null && b.n < 1) {
            throw new IllegalArgumentException("--n must be >= 1, got " + b.n);
        }
        if (b.config.minLr() > b.config.lr()) {
            throw new IllegalArgumentException("--min-lr " + b.config.minLr() + " is above --lr " + b.config.lr()
                    + " (the cosine schedule decays from --lr to --min-lr)");
        }
        NoiseProcess proc = NoiseProcesses.parse(b.process);
        Parameterization forced = Architectures.forcedParameterization(b.arch);
        Parameterization p = b.param == null ? (forced != null ? forced : Parameterization.EPS) : Parameterization.parse(b.param);
        if (forced != null && p != forced) {
            throw new IllegalArgumentException(b.arch.split(":")[0] + " predicts " + forced.id() + "; drop --param " + b.param);
        }
        this.weighting = b.weighting != null ? Weighting.parse(b.weighting) : forced != null ? Weighting.NATIVE : Weighting.EPS;
        if (b.resume != null && !Files.exists(b.resume)) {
            throw new IllegalArgumentException("--resume: checkpoint not found: " + b.resume);
        }
        this.data = load(b);
        this.held = b.validation != null ? b.validation : Math.min(1000, data.n() / 10);
        if (held >= data.n()) {
            throw new IllegalArgumentException("--val-size " + held + " leaves no training points of " + data.n());
        }
        if (b.resume != null) {
            String have = ModelFiles.read(b.resume).metadata().get("dim");
            if (have != null && !have.equals(Integer.toString(data.dim()))) {
                throw new IllegalArgumentException("the dataset has D = " + data.dim() + " but checkpoint " + b.resume
                        + " was trained on D = " + have + "; use the checkpoint's dataset or train a new model");
            }
        }
        int[] ranks = data.mixture() == null ? null : data.mixture().components().stream().mapToInt(c -> c.rank()).toArray();
        Architectures.Built built = Architectures.resolve(b.arch, new Architectures.Context(data.dim(), data.image(), ranks, proc,
                b.seed));
        this.model = new TrainedModel(built.arch(), built.net(), proc, p, data.image());
        double[] range = proc.trainRange();
        TrainConfig.Builder c = b.config.steps(b.steps).seed(b.seed).weighting(weighting)
                .times(b.tMin != null ? b.tMin : range[0], b.tMax != null ? b.tMax : range[1]);
        if (b.warmup == null && b.resume != null) {
            // the warm-up default depends on --steps: a resumed run that extends --steps keeps the recorded one
            String w = ModelFiles.read(b.resume).metadata().get("train.warmup");
            if (w != null) {
                c.warmup(Integer.parseInt(w));
            }
        } else if (b.warmup != null) {
            c.warmup(b.warmup);
        }
        this.config = c.build();
        Map<String, String> md = new LinkedHashMap<>();
        md.put("data.spec", data.spec());
        String distribution = Datasets.distribution(data.spec());
        if (distribution != null) {
            md.put("data.distribution", distribution);
        }
        md.put("data.n", Integer.toString(data.n()));
        md.put("data.seed", Long.toString(b.seed));
        md.put("data.validation", Integer.toString(held));
        md.put(ResultsVersion.KEY, Integer.toString(ResultsVersion.CURRENT));
        md.putAll(b.metadata);
        this.metadata = md;
        this.out = b.out;
        this.resume = b.resume;
        this.extend = b.extend;
    }

    private static Dataset load(Builder b) {
        if (Datasets.isFile(b.data)) {
            long want = b.n == null ? 0 : (long) b.n + (b.validation != null ? b.validation : b.n / 9);
            Dataset ds = Datasets.load(b.data, (int) Math.min(Integer.MAX_VALUE, want), b.seed);
            if (want > ds.n()) {
                System.err.printf(java.util.Locale.ROOT, "note: %s has %d rows, fewer than the %d asked for (--n and the "
                        + "held-out rows); using all of them%n", b.data, ds.n(), want);
            }
            return ds;
        }
        int count = b.n != null ? b.n : Datasets.DEFAULT_N;
        long extra = b.validation != null ? b.validation : Math.min(1000, count / 9);
        if (count + extra > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--n " + count + " plus " + extra + " held-out points is more than one array can "
                    + "hold (2^31 - 1 values)");
        }
        return Datasets.load(b.data, (int) (count + extra), b.seed);
    }

    /**
     * The trainer of this plan, resumed from its checkpoint when the plan says so (a resumed run
     * repeats the uninterrupted one bit for bit; with extend it continues to more steps).
     */
    public Trainer trainer() {
        int rows = data.n() - held, d = data.dim();
        Trainer t = new Trainer(model, config, Arrays.copyOfRange(data.x(), 0, rows * d),
                Arrays.copyOfRange(data.x(), rows * d, data.n() * d), out, metadata);
        if (resume != null) {
            t.resumeFrom(resume, extend);
        }
        return t;
    }

    public Dataset data() {
        return data;
    }

    public int trainRows() {
        return data.n() - held;
    }

    public int heldOut() {
        return held;
    }

    public TrainedModel model() {
        return model;
    }

    public Weighting weighting() {
        return weighting;
    }

    public TrainConfig config() {
        return config;
    }

    public Path resumeFrom() {
        return resume;
    }

    public boolean extending() {
        return extend;
    }

    /** Parameters of the network. */
    public long parameterCount() {
        return model.net().parameters().stream().mapToLong(t -> t.size()).sum();
    }

    /** A plan for training ARCH on DATA (a SPEC or a file) for {@code steps} steps. */
    public static Builder builder(String data, String arch, long steps) {
        return new Builder(data, arch, steps);
    }

    /** The settings of a plan; what is not set takes its default. */
    public static final class Builder {
        private final String data;
        private final String arch;
        private final long steps;
        private final TrainConfig.Builder config;
        private Integer n;
        private Integer validation;
        private long seed;
        private String process = "vp";
        private String param;
        private String weighting;
        private Integer warmup;
        private Double tMin;
        private Double tMax;
        private Path out;
        private Path resume;
        private boolean extend;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(String data, String arch, long steps) {
            this.data = data;
            this.arch = arch;
            this.steps = steps;
            this.config = TrainConfig.builder(steps);
        }

        /** Training points (default {@value Datasets#DEFAULT_N} for a SPEC; every row of a file). */
        public Builder n(Integer v) { n = v; return this; }
        /** Held-out validation points (default min(1000, rows/10)). */
        public Builder validation(Integer v) { validation = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        /** Noise process SPEC (default vp). */
        public Builder process(String v) { process = v; return this; }
        /** What the network predicts (default eps; x0 for molrg). */
        public Builder param(String v) { param = v; return this; }
        /** DSM weighting (default eps; native for molrg). */
        public Builder weighting(String v) { weighting = v; return this; }
        public Builder batch(int v) { config.batch(v); return this; }
        public Builder lr(double v) { config.lr(v); return this; }
        public Builder warmup(Integer v) { warmup = v; return this; }
        public Builder minLr(double v) { config.minLr(v); return this; }
        public Builder weightDecay(double v) { config.weightDecay(v); return this; }
        public Builder clip(double v) { config.clip(v); return this; }
        public Builder ema(double v) { config.ema(v); return this; }
        /** Training times (default the process's range). */
        public Builder tMin(Double v) { tMin = v; return this; }
        public Builder tMax(Double v) { tMax = v; return this; }
        public Builder meanOverDims(boolean v) { config.meanOverDims(v); return this; }
        public Builder validateEvery(Long v) { if (v != null) { config.validateEvery(v); } return this; }
        public Builder checkpointEvery(Long v) { if (v != null) { config.checkpointEvery(v); } return this; }
        /** The checkpoint written during and at the end of training (null: none). */
        public Builder out(Path v) { out = v; return this; }
        /** Continue from this checkpoint (null: a new run). */
        public Builder resume(Path v) { resume = v; return this; }
        /** With resume: allow more steps than the checkpoint's (the schedule is recomputed). */
        public Builder extend(boolean v) { extend = v; return this; }
        /** An extra checkpoint metadata entry. */
        public Builder metadata(String key, String value) { metadata.put(key, value); return this; }

        /** Validates every setting, loads the data and builds the network. */
        public TrainPlan build() {
            return new TrainPlan(this);
        }
    }
}
