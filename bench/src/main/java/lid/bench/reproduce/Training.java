package lid.bench.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lid.bench.Commands;

/**
 * A training cell: runs {@code lid train} into models/NAME.safetensors. The trainer writes a
 * checkpoint every few thousand steps, so a run stopped halfway resumes from its last checkpoint
 * (bit-identical to an uninterrupted run); the cell is done when the final checkpoint is written.
 */
final class Training {
    private Training() {}

    /** The cell that trains NAME with the given lid-train arguments (without --out/--resume). */
    static Cell cell(Workspace ws, String name, List<String> trainArgs) {
        Path ckpt = checkpoint(ws, name);
        return new Cell("train-" + name, "training " + name + ": " + String.join(" ", trainArgs), () -> {
            List<String> args = new ArrayList<>(trainArgs);
            args.add("--out");
            args.add(ckpt.toString());
            if (!trainArgs.contains("--progress")) {
                args.add("--progress");
                args.add(System.console() != null ? "bar" : "lines");
            }
            if (Files.exists(ckpt) && !currentVersion(ckpt)) {
                System.err.println("    " + ws.root().relativize(ckpt) + " was trained by older code; training it again");
                try {
                    Files.delete(ckpt);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot remove the outdated checkpoint " + ckpt, e);
                }
            }
            if (Files.exists(ckpt)) {
                args.add("--resume"); // an earlier run stopped after a checkpoint
            }
            long start = System.nanoTime();
            int rc = Commands.train(args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("training " + name + " failed (exit " + rc + "); see the messages above");
            }
            ObjectNode o = Workspace.JSON.createObjectNode();
            o.put("checkpoint", ws.root().relativize(ckpt).toString());
            o.put("args", String.join(" ", trainArgs));
            o.put("train_seconds", (System.nanoTime() - start) / 1e9);
            return o;
        });
    }

    /** True when the checkpoint was written by code of the current {@link lid.bench.ResultsVersion}. */
    static boolean currentVersion(Path ckpt) {
        try {
            String v = lid.models.ModelFiles.read(ckpt).metadata().get(lid.bench.ResultsVersion.KEY);
            return v != null && v.equals(Integer.toString(lid.bench.ResultsVersion.CURRENT));
        } catch (RuntimeException e) {
            return false; // unreadable (a killed write): start over
        }
    }

    static Path checkpoint(Workspace ws, String name) {
        return ws.path("models/" + name + ".safetensors");
    }
}
