package lid.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import lid.models.train.TrainListener;
import lid.models.train.TrainResult;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress on stderr: a progress bar (loss, validation loss, learning rate, steps/s, ETA)
 * on a terminal, plain lines every few seconds otherwise (logs, CI), or nothing.
 */
final class TrainProgress implements TrainListener {
    enum Mode { BAR, LINES, NONE }

    private final Mode mode;
    private final PrintStream err;
    private final double lineSeconds;
    private ProgressBar bar;
    private long first;
    private long total;
    private long startNanos;
    private long lastLine;
    private double smoothed = Double.NaN;
    private double validation = Double.NaN;
    private double lr;

    TrainProgress(Mode mode, PrintStream err, double lineSeconds) {
        this.mode = mode;
        this.err = err;
        this.lineSeconds = lineSeconds;
    }

    /** bar on an interactive terminal, else lines. */
    static Mode auto() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal() ? Mode.BAR : Mode.LINES;
    }

    static Mode parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "auto" -> auto();
            case "bar" -> Mode.BAR;
            case "lines" -> Mode.LINES;
            case "none" -> Mode.NONE;
            default -> throw new IllegalArgumentException("unknown --progress '" + s + "'; valid: auto, bar, lines, none");
        };
    }

    @Override
    public void started(long firstStep, long totalSteps) {
        first = firstStep;
        total = totalSteps;
        startNanos = System.nanoTime();
        lastLine = startNanos;
        if (mode == Mode.BAR) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).setUnit(" steps", 1).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(err)).startsFrom(firstStep, Duration.ZERO).build();
        }
    }

    @Override
    public void step(long step, double loss, double lr) {
        smoothed = Double.isNaN(smoothed) ? loss : 0.98 * smoothed + 0.02 * loss;
        this.lr = lr;
        if (mode == Mode.BAR) {
            bar.stepTo(step + 1);
            if (step % 10 == 0) {
                bar.setExtraMessage(" " + compact());
            }
        } else if (mode == Mode.LINES) {
            long now = System.nanoTime();
            if (now - lastLine >= lineSeconds * 1e9 || step + 1 == total) {
                lastLine = now;
                double secs = (now - startNanos) / 1e9;
                double rate = (step + 1 - first) / Math.max(secs, 1e-9);
                err.printf(Locale.ROOT, "step %d/%d  %s  %.1f steps/s  ETA %s%n", step + 1, total, message(), rate,
                        eta((total - step - 1) / Math.max(rate, 1e-9)));
            }
        }
    }

    private String message() {
        String v = Double.isNaN(validation) ? "" : String.format(Locale.ROOT, " val %.4f", validation);
        return String.format(Locale.ROOT, "loss %.4f%s lr %.2e", smoothed, v, lr);
    }

    /** The bar's short form (the bar shares one terminal line with it). */
    private String compact() {
        String v = Double.isNaN(validation) ? "" : String.format(Locale.ROOT, " val %.3g", validation);
        return String.format(Locale.ROOT, "loss %.3g%s", smoothed, v);
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    @Override
    public void validated(long step, double validationLoss) {
        validation = validationLoss;
    }

    @Override
    public void checkpointed(long step, Path path) {
        if (mode == Mode.LINES) {
            err.printf(Locale.ROOT, "checkpoint at step %d -> %s%n", step + 1, path);
        }
    }

    @Override
    public void finished(TrainResult result) {
        close();
    }

    void close() {
        if (bar != null) {
            bar.setExtraMessage(" " + compact());
            bar.close();
            bar = null;
        }
    }
}
