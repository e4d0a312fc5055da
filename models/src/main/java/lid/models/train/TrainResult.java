package lid.models.train;

/**
 * The outcome of a training run.
 *
 * @param steps          total steps done (including those before a resume)
 * @param stepsThisRun   steps run by this process
 * @param lastLoss       training loss of the last step
 * @param smoothedLoss   exponential moving average of the training loss (0.98)
 * @param validationLoss last validation loss (NaN if none)
 * @param seconds        wall time of this run's steps
 * @param stopped        true when the run was asked to stop ({@link Trainer#requestStop}) before its last step
 */
public record TrainResult(long steps, long stepsThisRun, double lastLoss, double smoothedLoss, double validationLoss,
                          double seconds, boolean stopped) {
    public double stepsPerSecond() {
        return stepsThisRun / Math.max(seconds, 1e-9);
    }
}
