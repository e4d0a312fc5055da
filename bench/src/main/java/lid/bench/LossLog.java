package lid.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import lid.kernels.io.AtomicFiles;
import lid.models.train.TrainListener;
import lid.models.train.TrainResult;

/** Records the training and validation losses while passing every event on; writes them as CSV (step,loss,lr,validation). */
final class LossLog implements TrainListener {
    private final TrainListener next;
    private final Path csv;
    static final String HEADER = "step,loss,lr,validation_loss";
    private final StringBuilder rows = new StringBuilder(HEADER + "\n");

    /** True when a file starts with the header this class writes. */
    static boolean isLossLog(java.nio.file.Path file) {
        try (var r = java.nio.file.Files.newBufferedReader(file)) {
            return HEADER.equals(r.readLine());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    LossLog(TrainListener next, Path csv) {
        this.next = next;
        this.csv = csv;
    }

    @Override
    public void started(long firstStep, long totalSteps) {
        next.started(firstStep, totalSteps);
    }

    @Override
    public void step(long step, double loss, double lr) {
        rows.append(String.format(Locale.ROOT, "%d,%.6g,%.6g,%n", step, loss, lr));
        next.step(step, loss, lr);
    }

    @Override
    public void validated(long step, double validationLoss) {
        rows.append(String.format(Locale.ROOT, "%d,,,%.6g%n", step, validationLoss));
        next.validated(step, validationLoss);
    }

    @Override
    public void checkpointed(long step, Path path) {
        next.checkpointed(step, path);
    }

    @Override
    public void finished(TrainResult result) {
        next.finished(result);
        try (AtomicFiles files = new AtomicFiles()) {
            files.add(csv, o -> o.write(rows.toString().getBytes(StandardCharsets.UTF_8)));
            files.commit();
        } catch (IOException e) {
            throw new IllegalStateException("could not write the loss log " + csv + ": " + e.getMessage(), e);
        }
    }
}
