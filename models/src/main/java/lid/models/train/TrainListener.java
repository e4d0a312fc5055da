package lid.models.train;

import java.nio.file.Path;

/** What a training run reports as it goes (a progress bar, log lines, a test). */
public interface TrainListener {
    default void started(long firstStep, long totalSteps) {}

    /** After each optimizer step (0-based step just done). */
    default void step(long step, double loss, double lr) {}

    default void validated(long step, double validationLoss) {}

    default void checkpointed(long step, Path path) {}

    default void finished(TrainResult result) {}

    TrainListener NONE = new TrainListener() {};
}
