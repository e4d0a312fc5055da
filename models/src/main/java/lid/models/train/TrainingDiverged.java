package lid.models.train;

/** Training stopped because the loss or the gradient became NaN/Inf or the loss blew up. */
public final class TrainingDiverged extends RuntimeException {
    private final long step;

    public TrainingDiverged(long step, String message) {
        super(message);
        this.step = step;
    }

    public long step() {
        return step;
    }
}
