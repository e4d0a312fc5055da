package lid.bench.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import lid.bench.TrainRun;
import lid.models.ModelFiles;
import lid.models.ResultsVersion;
import lid.models.train.TrainPlan;

/**
 * A training cell: runs a {@link TrainPlan} into models/NAME.safetensors, in process. The trainer
 * writes a checkpoint every few thousand steps, so a run stopped halfway resumes from its last
 * checkpoint (bit-identical to an uninterrupted run); the cell is done when the final checkpoint is
 * written. A checkpoint made by code of another results version is trained again.
 */
final class Training {
    private Training() {}

    /** The cell that trains NAME with the plan's settings (its checkpoint and resumption are set here). */
    static Cell cell(Workspace ws, String name, TrainPlan.Builder plan) {
        Path ckpt = checkpoint(ws, name);
        return new Cell("train-" + name, "training " + name, () -> {
            if (Files.exists(ckpt) && !currentVersion(ckpt)) {
                System.err.println("    " + ws.root().relativize(ckpt) + " was trained by older code; training it again");
                try {
                    Files.delete(ckpt);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot remove the outdated checkpoint " + ckpt, e);
                }
            }
            // an earlier run stopped after a checkpoint: continue it
            TrainPlan p = plan.out(ckpt).resume(Files.exists(ckpt) ? ckpt : null).build();
            long start = System.nanoTime();
            int rc = TrainRun.run(p, System.console() != null ? "bar" : "lines", null);
            if (rc != 0) {
                throw new IllegalStateException("training " + name + " failed (exit " + rc + "); see the messages above");
            }
            ObjectNode o = Workspace.JSON.createObjectNode();
            o.put("checkpoint", ws.root().relativize(ckpt).toString());
            o.put("arch", p.model().arch());
            o.put("data", p.data().spec());
            o.put("steps", p.config().steps());
            o.put("train_seconds", (System.nanoTime() - start) / 1e9);
            return o;
        });
    }

    /** True when the checkpoint was written by code of the current {@link ResultsVersion}. */
    static boolean currentVersion(Path ckpt) {
        try {
            String v = ModelFiles.read(ckpt).metadata().get(ResultsVersion.KEY);
            return v != null && v.equals(Integer.toString(ResultsVersion.CURRENT));
        } catch (RuntimeException e) {
            return false; // unreadable (a killed write): start over
        }
    }

    static Path checkpoint(Workspace ws, String name) {
        return ws.path("models/" + name + ".safetensors");
    }
}
