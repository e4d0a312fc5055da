package lid.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import lid.models.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code lid train} process stopped by a signal (SIGTERM here, what Ctrl-C's SIGINT also
 * triggers: the JVM's shutdown) writes a checkpoint of its last completed step, says so, and
 * leaves no temporary files; the run then continues with --resume.
 */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void aStoppedTrainingRunKeepsItsLastStep() throws Exception {
        Path jar = Path.of("").toAbsolutePath().getParent().resolve("bench/target/lid.jar");
        assertTrue(Files.isRegularFile(jar), "the lid jar is built before this module's tests: " + jar);
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve("m.safetensors");
        Process p = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-jar", jar.toString(), "train", "--data",
                "gaussian:D=4,d=2", "--n", "500", "--model", "mlp:widths=16-16", "--steps", "10000000", "--checkpoint-every",
                "0", "--validate-every", "0", "--progress", "lines", "--threads", "1", "--out", out.toString())
                .redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean stopped = false;
            while ((line = r.readLine()) != null) {
                log.append(line).append('\n');
                if (!stopped && line.contains("steps/s")) { // training is under way
                    // SIGTERM by kill (Process.destroy would also close our end of its output)
                    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
                    stopped = true;
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), log.toString());
        assertTrue(log.toString().contains("interrupted at step"), log.toString());
        long step = Long.parseLong(ModelFiles.read(out).metadata().get("step"));
        assertTrue(step > 0 && step < 10_000_000, "checkpoint at step " + step + "\n" + log);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count(), "no temporary files left");
        }
    }
}
