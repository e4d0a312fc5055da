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
        return new TrainConfig(steps, 128, 1e-3, (int) Math.min(500, steps / 10), 0, 0, 1, 0.999, tRange[0], tRange[1],
                Weighting.EPS, false, 0, Math.max(100, steps / 20), Math.max(1000, steps / 10), 100);
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
