package lid.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lid demo end to end on a small budget: every report file is there and the estimates are sane. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void smallDemoWritesTheWholeReport() throws Exception {
        Path out = dir.resolve("report");
        int rc = Main.run("demo", "--out", out.toString(), "--n", "1500", "--steps", "1200", "--points", "120",
                "--threads", "2", "--estimators", "dsm,flipd,nb,mle,lpca");
        assertEquals(0, rc);
        for (String f : new String[] {"report.md", "estimates.csv", "summary.json", "summary.md", "model.safetensors",
            "training_loss.csv", "training_loss.png", "estimate_vs_truth_dsm.png", "hist_flipd.png",
            "flipd_curves_flipd.png", "nb_spectra_nb.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String e : new String[] {"dsm", "flipd", "nb", "mle", "lpca"}) {
            JsonNode m = s.get(e);
            assertTrue(m.has("mae") && m.has("concordance") && m.has("seconds") && m.has("peak_bytes"), e);
            // 1200 steps make a rough model: the ranking of the 2-, 4- and 8-dimensional pieces holds already (DSM-LID's
            // m = 8 draws per point add their own Monte-Carlo spread, sqrt(2d/8) = 0.7 to 1.4, to every point)
            double floor = e.equals("dsm") ? 0.75 : 0.8;
            assertTrue(m.get("concordance").asDouble() > floor, e + " concordance " + m.get("concordance"));
        }
        assertTrue(s.get("dsm").get("peak_bytes").asLong() > 0, "model evaluations are metered");
        // the model-free estimators on this flat mixture do not depend on the training
        assertTrue(s.get("lpca").get("mae").asDouble() < 0.6, "lpca MAE " + s.get("lpca").get("mae"));
        assertTrue(s.get("mle").get("mae").asDouble() < 1.5, "mle MAE " + s.get("mle").get("mae"));
        assertTrue(Files.readString(out.resolve("report.md")).contains("![training loss](training_loss.png)"));
    }
}
