package lid.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lid.bench.Main;
import lid.engine.Engine;
import lid.kernels.Kernels;
import lid.kernels.opencl.OpenCl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenCL backend end to end through the command line, against the CPU on the same seeds:
 * training gives the same loss curve (float rounding aside: GEMMs sum in another order, so
 * trajectories drift slowly), and DSM-LID and FLIPD on one checkpoint give the same per-point
 * estimates within a small tolerance, and both recover the dimension. Skipped (with the reason)
 * without an OpenCL platform.
 */
class OpenClEndToEndTest {
    private static final String DATA = "gaussian:D=8,d=2";

    @TempDir
    Path dir;

    @Test
    void openClTrainsAndEstimatesLikeTheCpu() throws IOException {
        assumeTrue(OpenCl.available(), () -> "no OpenCL platform: " + OpenCl.unavailableReason());
        Kernels before = Engine.kernels();
        try {
            Path cpuModel = train("cpu");
            Path clModel = train("opencl");
            double[] cpuLoss = losses(dir.resolve("cpu.loss.csv"));
            double[] clLoss = losses(dir.resolve("opencl.loss.csv"));
            assertEquals(cpuLoss.length, clLoss.length);
            for (int s = 0; s < 20; s++) { // early steps: rounding only
                assertEquals(cpuLoss[s], clLoss[s], 1e-3 * Math.abs(cpuLoss[s]), "loss at step " + s);
            }
            double cpuTail = tailMean(cpuLoss), clTail = tailMean(clLoss);
            assertEquals(cpuTail, clTail, 0.05 * cpuTail, "mean loss of the last 100 steps");

            // One checkpoint, both devices: the estimators agree point by point.
            JsonNode cpuSummary = estimate(cpuModel, "cpu", "cpu-est");
            JsonNode clSummary = estimate(cpuModel, "opencl", "cl-est");
            List<double[]> cpuEst = estimates(dir.resolve("cpu-est/estimates.csv"));
            List<double[]> clEst = estimates(dir.resolve("cl-est/estimates.csv"));
            assertEquals(cpuEst.size(), clEst.size());
            double maxDiff = 0;
            for (int i = 0; i < cpuEst.size(); i++) {
                for (int c = 0; c < cpuEst.get(i).length; c++) {
                    maxDiff = Math.max(maxDiff, Math.abs(cpuEst.get(i)[c] - clEst.get(i)[c]));
                    assertEquals(cpuEst.get(i)[c], clEst.get(i)[c], 0.02 + 0.01 * Math.abs(cpuEst.get(i)[c]),
                            "point " + i + " estimator column " + c);
                }
            }
            for (String e : new String[] {"dsm:t=0.2", "flipd:t0=knee"}) {
                double cpuMae = cpuSummary.get(e).get("mae").asDouble(), clMae = clSummary.get(e).get("mae").asDouble();
                assertEquals(cpuMae, clMae, 0.02, e + " MAE on the CPU vs OpenCL");
            }
            System.out.printf("OpenCL vs CPU: loss tail %.5f vs %.5f; same checkpoint: max |LID diff| %.2e, "
                    + "MAE dsm %.4f vs %.4f, flipd %.4f vs %.4f%n", clTail, cpuTail, maxDiff,
                    clSummary.get("dsm:t=0.2").get("mae").asDouble(), cpuSummary.get("dsm:t=0.2").get("mae").asDouble(),
                    clSummary.get("flipd:t0=knee").get("mae").asDouble(), cpuSummary.get("flipd:t0=knee").get("mae").asDouble());
            // The model trained on OpenCL is as good as the CPU's.
            JsonNode clTrained = estimate(clModel, "opencl", "cl-trained-est");
            // (400 steps: the CPU's model gives MAE about 0.4 for FLIPD at the knee and 0.8 for DSM-LID at t = 0.2)
            assertTrue(clTrained.get("flipd:t0=knee").get("mae").asDouble() < 0.8, "flipd MAE " + clTrained.get("flipd:t0=knee"));
            assertTrue(clTrained.get("dsm:t=0.2").get("mae").asDouble() < 1.2, "dsm MAE " + clTrained.get("dsm:t=0.2"));
        } finally {
            Engine.use(before);
        }
    }

    private Path train(String device) {
        Path ckpt = dir.resolve(device + ".safetensors");
        assertEquals(0, Main.run("train", "--data", DATA, "--n", "2000", "--model", "mlp:widths=64-64-64",
                "--steps", "400", "--batch", "128", "--lr", "2e-3", "--threads", "2", "--progress", "none",
                "--device", device, "--loss-log", dir.resolve(device + ".loss.csv").toString(), "--out", ckpt.toString()));
        return ckpt;
    }

    private JsonNode estimate(Path model, String device, String out) throws IOException {
        Path o = dir.resolve(out);
        assertEquals(0, Main.run("estimate", "--data", DATA, "--n", "2000", "--model", model.toString(), "--estimators",
                "dsm:t=0.2,flipd:t0=knee", "--points", "100", "--threads", "2", "--device", device, "--no-plots", "--out", o.toString()));
        return new ObjectMapper().readTree(o.resolve("summary.json").toFile());
    }

    /** Training losses by step (validation rows skipped). */
    private static double[] losses(Path csv) throws IOException {
        List<Double> l = new ArrayList<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(",", -1);
            if (!f[1].isEmpty()) {
                l.add(Double.parseDouble(f[1]));
            }
        }
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double tailMean(double[] x) {
        double s = 0;
        for (int i = x.length - 100; i < x.length; i++) {
            s += x[i];
        }
        return s / 100;
    }

    /** The estimator columns (after point, true_lid, component) of every row. */
    private static List<double[]> estimates(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double[] r = new double[f.length - 3];
            for (int i = 3; i < f.length; i++) {
                r[i - 3] = Double.parseDouble(f[i]);
            }
            rows.add(r);
        }
        return rows;
    }
}
