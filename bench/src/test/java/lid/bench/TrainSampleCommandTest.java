package lid.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import lid.datasets.io.Npy;
import lid.datasets.io.NpyArray;
import lid.models.ModelFiles;
import lid.models.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainSampleCommandTest {
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void trainResumeAndSampleEndToEnd(@TempDir Path dir) throws Exception {
        Path ck = dir.resolve("m.safetensors");
        String[] base = {"train", "--data", "lollipop", "--n", "500", "--model", "mlp:widths=32-32", "--steps", "40",
            "--batch", "32", "--checkpoint-every", "20", "--out", ck.toString(), "--threads", "1", "--progress", "lines"};
        CliRun r = run(base);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("trained 40 steps"), r.out());
        assertTrue(r.err().contains("checkpoint at step 40"), r.err());
        TrainedModel m = ModelFiles.load(ck);
        assertEquals("mlp:widths=32-32,temb=128,ln=false", m.arch());
        assertEquals("lollipop", ModelFiles.read(ck).metadata().get("data.spec"));

        String[] longer = base.clone();
        longer[8] = "60";
        CliRun refused = run(concat(longer, "--resume"));
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("it was trained with --steps 40") && refused.err().contains("--extend"), refused.err());
        CliRun resumed = run(concat(concat(longer, "--resume"), "--extend"));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("resuming from"), resumed.err());
        assertTrue(resumed.out().contains("trained 60 steps (20 this run)"), resumed.out());

        Path samples = dir.resolve("s.npy");
        CliRun s = run("sample", "--model", ck.toString(), "--data", "lollipop", "--n", "300", "--steps", "20",
                "--out", samples.toString(), "--threads", "1");
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("sliced W1"), s.out());
        NpyArray x = Npy.read(samples);
        assertArrayEquals(new int[] {300, 2}, x.shape());
        assertTrue(Files.size(dir.resolve("s.png")) > 1000);
    }

    @Test
    void badInputSaysWhatIsValid(@TempDir Path dir) throws Exception {
        Path ck = dir.resolve("m.safetensors");
        CliRun arch = run("train", "--data", "lollipop", "--model", "resnet", "--steps", "5", "--out", ck.toString());
        assertEquals(2, arch.code());
        assertTrue(arch.err().contains("valid: mlp, mlp-unet, sm-mlp, unet, molrg"), arch.err());
        CliRun opt = run("train", "--data", "lollipop", "--model", "mlp:width=3", "--steps", "5", "--out", ck.toString());
        assertEquals(2, opt.code());
        assertTrue(opt.err().contains("valid: widths=512-512-512-512, temb=128, ln=false"), opt.err());
        CliRun file = run("train", "--data", dir.resolve("missing.npy").toString(), "--model", "mlp", "--steps", "5",
                "--out", ck.toString());
        assertEquals(2, file.code());
        assertTrue(file.err().contains("missing.npy"), file.err());

        assertEquals(0, run("train", "--data", "lollipop", "--n", "100", "--model", "mlp:widths=8", "--steps", "2",
                "--batch", "8", "--out", ck.toString(), "--threads", "1", "--progress", "none").code());
        CliRun dim = run("sample", "--model", ck.toString(), "--data", "swiss_roll", "--n", "10", "--out",
                dir.resolve("s.npy").toString());
        assertEquals(2, dim.code());
        assertTrue(dim.err().contains("D = 3") && dim.err().contains("D = 2"), dim.err());
        CliRun resumeDim = run("train", "--data", "swiss_roll", "--n", "100", "--model", "mlp:widths=8", "--steps", "4",
                "--batch", "8", "--out", ck.toString(), "--resume", "--threads", "1");
        assertEquals(2, resumeDim.code());
        assertTrue(resumeDim.err().contains("D = 3") && resumeDim.err().contains("D = 2"), resumeDim.err());
        CliRun missingModel = run("sample", "--model", dir.resolve("none.safetensors").toString(), "--out",
                dir.resolve("s.npy").toString());
        assertEquals(2, missingModel.code());
        assertTrue(missingModel.err().contains("not found"), missingModel.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
