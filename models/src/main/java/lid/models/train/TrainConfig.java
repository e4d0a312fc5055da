package lid.models.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that decides a training trajectory besides the model and the data.
 *
 * @param steps           optimizer steps in total
 * @param batch           points per step (drawn with replacement)
 * @param lr              peak learning rate (AdamW)
 * @param warmup          linear warm-up steps, then cosine decay to {@code minLr} at {@code steps}
 * @param minLr           final learning rate
 * @param weightDecay     AdamW decoupled weight decay (0 = Adam)
 * @param clip            global gradient-norm clip (0 = off)
 * @param ema             EMA decay of the weights (0 = off); warm-up min(ema, (1+n)/(10+n))
 * @param tMin            smallest training time
 * @param tMax            largest training time
 * @param weighting       DSM weighting
 * @param meanOverDims    average the squared error over coordinates (else sum)
 * @param seed            seed of every random draw (batches, times, noise: Philox streams per step)
 * @param validateEvery   steps between validation losses (0 = only at the end)
 * @param checkpointEvery steps between checkpoints (0 = only at the end)
 * @param divergeFactor   stop when the smoothed loss exceeds this multiple of its best value
 */
public record TrainConfig(long steps, int batch, double lr, int warmup, double minLr, double weightDecay, double clip,
                          double ema, double tMin, double tMax, Weighting weighting, boolean meanOverDims, long seed,
                          long validateEvery, long checkpointEvery, double divergeFactor) {
    public TrainConfig {
        if (steps <= 0 || batch <= 0) {
            throw new IllegalArgumentException("--steps and --batch must be >= 1, got " + steps + " and " + batch);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be a number > 0, got " + lr);
        }
        if (!(minLr >= 0)) {
            throw new IllegalArgumentException("--min-lr must be >= 0, got " + minLr);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("--weight-decay must be >= 0, got " + weightDecay);
        }
        if (!(clip >= 0)) {
            throw new IllegalArgumentException("--clip must be >= 0 (0 = off), got " + clip);
        }
        if (!(ema >= 0 && ema < 1)) {
            throw new IllegalArgumentException("--ema must be in [0, 1), got " + ema);
        }
        if (warmup < 0 || warmup > steps) {
            throw new IllegalArgumentException("--warmup must be in [0, steps], got " + warmup);
        }
        if (!(tMin >= 0 && tMax > tMin && tMax <= 1)) {
            throw new IllegalArgumentException("need 0 <= t-min < t-max <= 1, got " + tMin + ", " + tMax);
        }
        if (!(divergeFactor > 1)) {
            throw new IllegalArgumentException("divergence factor must be > 1, got " + divergeFactor);
        }
    }

    /** Defaults in the spirit of the papers: AdamW lr 1e-3, warm-up min(500, steps/10), clip 1, EMA 0.999. */
    public static TrainConfig defaults(long steps, double[] tRange) {
        return builder(steps).times(tRange[0], tRange[1]).build();
    }

    /** A configuration with every default in one place; set only what differs. */
    public static Builder builder(long steps) {
        return new Builder(steps);
    }

    /**
     * Named settings over the defaults: batch 128, AdamW lr 1e-3 with warm-up min(500, steps/10)
     * and cosine decay to 0, no weight decay, clip 1, EMA 0.999, times [1e-5, 1], eps weighting
     * summed over coordinates, seed 0, validation every max(100, steps/20) steps, a checkpoint every
     * max(1000, steps/10), divergence at 100x the best smoothed loss. Steps-dependent defaults are
     * taken at {@link #build()}, so they follow the final step count.
     */
    public static final class Builder {
        private long steps;
        private int batch = 128;
        private double lr = 1e-3;
        private Integer warmup;
        private double minLr;
        private double weightDecay;
        private double clip = 1;
        private double ema = 0.999;
        private double tMin = 1e-5;
        private double tMax = 1;
        private Weighting weighting = Weighting.EPS;
        private boolean meanOverDims;
        private long seed;
        private Long validateEvery;
        private Long checkpointEvery;
        private double divergeFactor = 100;

        private Builder(long steps) {
            this.steps = steps;
        }

        public Builder steps(long v) { steps = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder lr(double v) { lr = v; return this; }
        public Builder warmup(int v) { warmup = v; return this; }
        public Builder minLr(double v) { minLr = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder clip(double v) { clip = v; return this; }
        public Builder ema(double v) { ema = v; return this; }
        public Builder times(double min, double max) { tMin = min; tMax = max; return this; }
        public Builder weighting(Weighting v) { weighting = v; return this; }
        public Builder meanOverDims(boolean v) { meanOverDims = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder validateEvery(long v) { validateEvery = v; return this; }
        public Builder checkpointEvery(long v) { checkpointEvery = v; return this; }
        public Builder divergeFactor(double v) { divergeFactor = v; return this; }

        double lr() {
            return lr;
        }

        double minLr() {
            return minLr;
        }

        /** The warm-up this configuration will use (the given one, else min(500, steps/10)). */
        public int warmupOrDefault() {
            return warmup != null ? warmup : (int) Math.min(500, steps / 10);
        }

        public TrainConfig build() {
            return new TrainConfig(steps, batch, lr, warmupOrDefault(), minLr, weightDecay, clip, ema, tMin, tMax, weighting,
                    meanOverDims, seed, validateEvery != null ? validateEvery : Math.max(100, steps / 20),
                    checkpointEvery != null ? checkpointEvery : Math.max(1000, steps / 10), divergeFactor);
        }
    }

    /** As checkpoint metadata ("train.*"); {@link #differences} compares two of these. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("train.steps", Long.toString(steps));
        m.put("train.batch", Integer.toString(batch));
        m.put("train.lr", num(lr));
        m.put("train.warmup", Integer.toString(warmup));
        m.put("train.min_lr", num(minLr));
        m.put("train.weight_decay", num(weightDecay));
        m.put("train.clip", num(clip));
        m.put("train.ema", num(ema));
        m.put("train.t_min", num(tMin));
        m.put("train.t_max", num(tMax));
        m.put("train.weighting", weighting.id());
        m.put("train.mean_over_dims", Boolean.toString(meanOverDims));
        m.put("train.seed", Long.toString(seed));
        return m;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
