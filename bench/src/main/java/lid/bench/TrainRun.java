package lid.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lid.engine.Engine;
import lid.models.molrg.SubspaceRecovery;
import lid.models.nets.MolrgDenoiser;
import lid.models.train.TrainPlan;
import lid.models.train.TrainResult;
import lid.models.train.Trainer;
import lid.models.train.TrainingDiverged;

/**
 * Runs a {@link TrainPlan} for a command (lid train, lid demo, lid reproduce): prints what is
 * trained, shows progress (and writes a loss log), turns Ctrl-C into a checkpoint of the last
 * completed step, and prints the result. Returns the exit code: 0 done, 3 diverged, 130 stopped.
 */
public final class TrainRun {
    private TrainRun() {}

    /** Trains with progress in the given mode (auto, bar, lines, none) and an optional loss-log CSV. */
    public static int run(TrainPlan plan, String progress, Path lossLog) {
        return run(plan, progress, lossLog, "continue with the same command and --resume");
    }

    /** As {@link #run(TrainPlan, String, Path)}, with what to tell the user to do after Ctrl-C. */
    public static int run(TrainPlan plan, String progress, Path lossLog, String afterInterrupt) {
        Trainer trainer = plan.trainer();
        var cfg = plan.config();
        if (trainer.step() >= cfg.steps()) {
            System.out.printf(Locale.ROOT, "%s is at step %d of %d already: nothing to train (--extend with a larger --steps "
                    + "goes on)%n", plan.resumeFrom(), trainer.step(), cfg.steps());
            return 0;
        }
        if (plan.resumeFrom() != null) {
            System.err.printf(Locale.ROOT, "resuming from %s at step %d of %d%s%n", plan.resumeFrom(), trainer.step(), cfg.steps(),
                    plan.extending() ? " (--extend: the schedule is recomputed for " + cfg.steps() + " steps)" : "");
        }
        var m = plan.model();
        System.err.printf(Locale.ROOT, "training %s (%,d parameters) on %s [%d x %d] (+%d held out), %s, %s-prediction, "
                        + "%s weighting, %d steps of %d, backend %s%n", m.arch(), plan.parameterCount(), plan.data().spec(),
                plan.trainRows(), plan.data().dim(), plan.heldOut(), m.process().spec(), m.parameterization().id(),
                plan.weighting().id(), cfg.steps(), cfg.batch(), Engine.kernels().name());
        TrainProgress bar = new TrainProgress(TrainProgress.parse(progress), System.err, 5);
        TrainResult r;
        // Ctrl-C (or a plain kill) asks the trainer to stop after the step in progress and write a checkpoint of it
        CountDownLatch done = new CountDownLatch(1);
        Thread stop = new Thread(() -> {
            trainer.requestStop();
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "lid-train-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            r = trainer.run(lossLog == null ? bar : new LossLog(bar, lossLog));
            if (r.stopped()) { // said before the hook is released: the JVM ends as soon as it is
                bar.close();
                System.err.printf(Locale.ROOT, "interrupted at step %d of %d: wrote the checkpoint %s; %s%n", r.steps(),
                        cfg.steps(), trainer.out(), afterInterrupt);
                System.err.flush();
            }
        } catch (TrainingDiverged e) {
            bar.close();
            System.err.println("error: training stopped: " + e.getMessage());
            return 3;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException ignored) {
                // shutting down already (Ctrl-C): the hook is running and has been released
            }
        }
        if (r.stopped()) {
            return 130;
        }
        System.out.printf(Locale.ROOT, "trained %d steps (%d this run) in %.1f s: %.1f steps/s; loss %.4f (smoothed %.4f), "
                        + "validation loss %s; wrote %s%n", r.steps(), r.stepsThisRun(), r.seconds(), r.stepsPerSecond(),
                r.lastLoss(), r.smoothedLoss(), plan.heldOut() == 0 ? "n/a (nothing held out)"
                        : String.format(Locale.ROOT, "%.4f", r.validationLoss()), trainer.out());
        var mixture = plan.data().mixture();
        if (m.net() instanceof MolrgDenoiser dae && mixture != null && mixture.components().size() == dae.bases().size()) {
            trainer.useEmaWeights();
            double[] e = SubspaceRecovery.errors(dae.bases(), mixture);
            System.out.printf(Locale.ROOT, "subspace recovery ||U_hat U_hat^T - U U^T||_F per component: %s%n",
                    Arrays.toString(Arrays.stream(e).map(v -> Math.round(v * 1e4) / 1e4).toArray()));
        }
        return 0;
    }
}
