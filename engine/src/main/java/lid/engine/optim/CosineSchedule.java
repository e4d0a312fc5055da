package lid.engine.optim;

/**
 * Learning rate with linear warm-up then cosine decay: lr(s) = base (s+1)/warmup for
 * s < warmup, then min + (base - min) (1 + cos(pi (s - warmup)/(total - warmup)))/2, and
 * min after total.
 */
public record CosineSchedule(float baseLr, int warmupSteps, int totalSteps, float minLr) {
    public CosineSchedule {
        if (warmupSteps < 0 || totalSteps <= 0 || warmupSteps > totalSteps || !(baseLr >= 0) || !(minLr >= 0)) {
            throw new IllegalArgumentException("cosine schedule needs 0 <= warmup <= total, total > 0, lr >= 0; got warmup="
                    + warmupSteps + " total=" + totalSteps + " lr=" + baseLr + " min=" + minLr);
        }
    }

    public float at(long step) {
        if (step < warmupSteps) {
            return baseLr * (step + 1) / warmupSteps;
        }
        if (step >= totalSteps) {
            return minLr;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return (float) (minLr + (baseLr - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
