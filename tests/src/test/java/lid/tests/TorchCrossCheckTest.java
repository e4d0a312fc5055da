package lid.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lid.bench.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The independent cross-check against PyTorch ({@code scripts/torch_check.py}): eps-hat, DSM-LID
 * with the same draws and exact FLIPD of a trained {@code mlp} and {@code sm-mlp} checkpoint,
 * rebuilt in PyTorch from the safetensors file alone. Runs when LID_TORCH_PYTHON names a python
 * with PyTorch 2.x, numpy and safetensors (what ../shared/baselines/setup_torch.sh prints); CI
 * does not install PyTorch, so there it is skipped with that reason.
 */
class TorchCrossCheckTest {
    @TempDir
    Path dir;

    @Test
    void torchAgreesOnEpsHatDsmLidAndFlipd() throws Exception {
        String python = System.getenv("LID_TORCH_PYTHON");
        Assumptions.assumeTrue(python != null && !python.isBlank(),
                "LID_TORCH_PYTHON is not set: set it to the python of ../shared/baselines/setup_torch.sh to run the PyTorch "
                        + "cross-check (CI does not install PyTorch)");
        Path root = Path.of("").toAbsolutePath().getParent();
        Path jar = root.resolve("bench/target/lid.jar");
        Path script = root.resolve("scripts/torch_check.py");
        assertTrue(Files.isRegularFile(jar), "the lid jar is built before this module's tests: " + jar);
        String java = ProcessHandle.current().info().command().orElse("java");
        String lid = java + " --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar " + jar;

        Path mlp = dir.resolve("mlp.safetensors");
        assertEquals(0, Main.run("train", "--data", "affine:D=10,dims=2-4-8,latent=gaussian", "--n", "2000", "--model",
                "mlp:widths=64-64-64,ln=true", "--steps", "300", "--progress", "none", "--threads", "2", "--out", mlp.toString()));
        Path sm = dir.resolve("sm.safetensors");
        assertEquals(0, Main.run("train", "--data", "sm_hypersphere:d=4,D=16", "--n", "2000", "--model", "sm-mlp",
                "--process", "rf", "--param", "flow", "--mean-over-dims", "--t-min", "0", "--t-max", "0.1", "--steps", "300",
                "--batch", "100", "--progress", "none", "--threads", "2", "--out", sm.toString()));
        for (Path ckpt : List.of(mlp, sm)) {
            Path work = dir.resolve(ckpt.getFileName() + ".work");
            Process p = new ProcessBuilder(python, script.toString(), ckpt.toString(), "--lid", lid, "--points", "32",
                    "--work", work.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(10, TimeUnit.MINUTES));
            assertEquals(0, p.exitValue(), ckpt + ": " + out);
            JsonNode r = new ObjectMapper().readTree(out.substring(out.indexOf('{')));
            assertTrue(r.get("eps_hat_max_rel").asDouble() <= 1e-4, out);
            assertTrue(r.get("dsm_max_rel").asDouble() <= 1e-3, out);
            assertTrue(r.get("flipd_max_rel").asDouble() <= 1e-3, out);
        }
    }

}
