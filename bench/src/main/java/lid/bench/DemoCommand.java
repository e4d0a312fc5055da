package lid.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lid.kernels.io.AtomicFiles;
import lid.models.train.TrainPlan;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lid demo}: the whole pipeline on built-in defaults. Generates a mixed-LID benchmark
 * (FLIPD's affine mixture of 2-, 4- and 8-dimensional pieces in R^10), trains an MLP diffusion
 * model (progress bar), runs every fast estimator, model-based and model-free, prints the table
 * and writes a report folder: report.md, estimates.csv, summary.json and PNG plots (estimate vs
 * truth, LID histograms per component, FLIPD curves with knees, NB spectra, training loss).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a mixed-LID benchmark, train a diffusion model, run every fast estimator, write a report.")
final class DemoCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--out", defaultValue = "demo-report", description = "report folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--data", defaultValue = "affine:D=10,dims=2-4-8,latent=uniform",
            description = "dataset SPEC (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--n", defaultValue = "6000", description = "points (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--steps", defaultValue = "6000", description = "training steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--model", defaultValue = "mlp:widths=256-256-256", description = "architecture (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--points", defaultValue = "600", description = "points that get estimates (default: ${DEFAULT-VALUE})")
    int points;

    @Mixin
    ComputeOptions compute = new ComputeOptions();

    @Option(names = "--estimators",
            defaultValue = "dsm,dsm:m=32,flipd,flipd:t0=knee,ism,nb,eb,fpregress,cfdm,mle,twonn,lpca,ess,mada,tle,mom,corrint",
            description = "estimators (default: every fast one)")
    String estimators;

    @Override
    public Integer call() {
        // everything that can be checked before minutes of training is checked first
        lid.estimators.EstimatorRegistry.standard().parseList(estimators);
        if (n < 2 || steps < 1 || points < 0 || points > n || compute.threads.threads < 0) {
            throw new IllegalArgumentException("need --n >= 2, --steps >= 1, 0 <= --points <= --n and --threads >= 0; got n=" + n
                    + ", steps=" + steps + ", points=" + points + ", threads=" + compute.threads.threads);
        }
        lid.datasets.Datasets.canonical(data); // a bad SPEC fails here
        try (lid.kernels.io.OutputLock lock = Outputs.folder(out, "lid demo")) {
            return demo();
        }
    }

    /** The estimates' summary (what summary.json holds), for the report. */
    private JsonNode summary;

    private int demo() {
        long start = System.nanoTime();
        Path ckpt = out.resolve("model.safetensors");
        Path lossCsv = out.resolve("training_loss.csv");
        System.err.println("== 1/3 training " + model + " on " + data + " (" + n + " points, " + steps + " steps)");
        lid.engine.Engine.use(compute.kernels());
        lid.kernels.io.AtomicFiles.cleanStale(ckpt);
        TrainPlan plan = TrainPlan.builder(data, model, steps).n(n).batch(256).lr(2e-3).out(ckpt).build();
        int rc = TrainRun.run(plan, "auto", lossCsv, "the model so far is kept there; run lid demo again to start over");
        if (rc != 0) {
            return rc; // the trainer said why
        }
        System.err.println("== 2/3 estimating LID with " + estimators.split(",").length + " estimators on " + points
                + " held-out points (a fresh sample of the same manifold, seed 1)");
        EstimateCommand estimate = new EstimateCommand();
        estimate.data = data;
        estimate.n = n;
        estimate.seed = 1L;
        estimate.model = ckpt.toString();
        estimate.estimators = estimators;
        estimate.points = points;
        estimate.compute = compute;
        estimate.out = out;
        rc = estimate.call();
        if (rc != 0) {
            return rc;
        }
        summary = estimate.summary();
        System.err.println("== 3/3 writing the report");
        try {
            plotLoss(lossCsv, out.resolve("training_loss.png"));
            List<String> hists = histograms(out.resolve("estimates.csv"));
            String md = report(hists, (System.nanoTime() - start) / 1e9);
            try (AtomicFiles files = new AtomicFiles()) {
                files.add(out.resolve("report.md"), o -> o.write(md.getBytes(StandardCharsets.UTF_8)));
                files.commit();
            }
            System.out.print(Files.readString(out.resolve("summary.md")));
        } catch (IOException e) {
            throw new IllegalStateException("could not write the report: " + e.getMessage(), e);
        }
        System.err.printf(Locale.ROOT, "report: %s (%.0f s in all)%n", out.resolve("report.md"), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static void plotLoss(Path csv, Path png) throws IOException {
        List<Double> steps = new ArrayList<>(), loss = new ArrayList<>(), vSteps = new ArrayList<>(), vLoss = new ArrayList<>();
        double smooth = Double.NaN;
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(",", -1);
            if (!f[1].isEmpty()) {
                double v = Double.parseDouble(f[1]);
                smooth = Double.isNaN(smooth) ? v : 0.98 * smooth + 0.02 * v; // exponential smoothing for readability
                steps.add(Double.parseDouble(f[0]));
                loss.add(smooth);
            } else if (!f[3].isEmpty()) {
                vSteps.add(Double.parseDouble(f[0]));
                vLoss.add(Double.parseDouble(f[3]));
            }
        }
        XYChart chart = new XYChartBuilder().width(720).height(420).title("training loss (DSM, eps weighting)")
                .xAxisTitle("step").yAxisTitle("loss").build();
        chart.getStyler().setXAxisDecimalPattern("#");
        XYSeries s = chart.addSeries("training (smoothed)", steps, loss);
        s.setMarker(SeriesMarkers.NONE);
        if (!vSteps.isEmpty()) {
            XYSeries v = chart.addSeries("validation", vSteps, vLoss);
            v.setMarker(SeriesMarkers.CIRCLE);
            v.setLineColor(new Color(255, 127, 14));
        }
        save(chart, png);
    }

    /** Histograms of the estimates of each model-based column, one line per component. */
    private List<String> histograms(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] head = parseCsvLine(lines.get(0));
        List<String> files = new ArrayList<>();
        for (int col = 3; col < head.length; col++) {
            String spec = head[col];
            String name = spec.split(":")[0];
            if (!List.of("dsm", "flipd", "ism", "nb", "eb", "mle", "lpca").contains(name)) {
                continue;
            }
            java.util.TreeMap<Integer, List<Double>> byComp = new java.util.TreeMap<>();
            java.util.TreeMap<Integer, Integer> truthOf = new java.util.TreeMap<>();
            for (String l : lines.subList(1, lines.size())) {
                String[] f = parseCsvLine(l);
                int comp = Integer.parseInt(f[2]);
                truthOf.put(comp, Integer.parseInt(f[1]));
                if (!f[col].equals("nan")) {
                    byComp.computeIfAbsent(comp, k -> new ArrayList<>()).add(Double.parseDouble(f[col]));
                }
            }
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (List<Double> v : byComp.values()) {
                for (double x : v) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            int bins = 40;
            XYChart chart = new XYChartBuilder().width(720).height(420).title("LID estimates per component: " + spec)
                    .xAxisTitle("estimated LID").yAxisTitle("points").build();
            chart.getStyler().setXAxisDecimalPattern("0.0");
            for (Map.Entry<Integer, List<Double>> e : byComp.entrySet()) {
                double[] x = new double[bins], y = new double[bins];
                for (int b = 0; b < bins; b++) {
                    x[b] = lo + (b + 0.5) * (hi - lo) / bins;
                }
                for (double v : e.getValue()) {
                    y[Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins))]++;
                }
                XYSeries s = chart.addSeries("component " + e.getKey() + " (true LID " + truthOf.get(e.getKey()) + ")", x, y);
                s.setMarker(SeriesMarkers.NONE);
            }
            String file = "hist_" + EstimatePlots.safeName(spec) + ".png";
            save(chart, out.resolve(file));
            files.add(file);
        }
        return files;
    }

    private static String[] parseCsvLine(String line) {
        List<String> f = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                f.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        f.add(cur.toString());
        return f.toArray(String[]::new);
    }

    private String report(List<String> hists, double seconds) throws IOException {

        StringBuilder md = new StringBuilder();
        md.append("# lid-engine demo report\n\n");
        md.append(String.format(Locale.ROOT, "Data `%s` (%d points, seed 0), model `%s` trained for %d steps, estimates on %d "
                + "held-out points (seed 1: another sample of the same manifold); "
                + "%.0f s in all on %d threads (Java %s).%n%n", data, n, model, steps, points, seconds,
                lid.kernels.Parallel.machineThreads(), Runtime.version()));
        md.append("## Estimators\n\n").append(Files.readString(out.resolve("summary.md"))).append('\n');
        md.append("MAE and concordance against the true LID of each point; peak memory is the engine's tensor meter "
                + "(model evaluations; model-free estimators work on plain arrays). Per-component metrics are in "
                + "summary.json, per-point estimates in estimates.csv.\n\n");
        md.append("## Training\n\n![training loss](training_loss.png)\n\n");
        md.append("## Estimates against the truth\n\n");
        for (Iterator<String> it = summary.fieldNames(); it.hasNext(); ) {
            String spec = it.next();
            md.append("![").append(spec).append("](estimate_vs_truth_").append(EstimatePlots.safeName(spec)).append(".png)\n");
        }
        md.append("\n## LID histograms per component\n\n");
        for (String h : hists) {
            md.append("![").append(h).append("](").append(h).append(")\n");
        }
        md.append("\n## FLIPD curves and normal-bundle spectra\n\n");
        try (var files = Files.list(out)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("flipd_curves_") || f.startsWith("nb_spectra_"))
                    .sorted().forEach(f -> md.append("![").append(f).append("](").append(f).append(")\n"));
        }
        return md.toString();
    }

    private static void save(XYChart chart, Path png) throws IOException {
        Path tmp = png.resolveSibling("." + png.getFileName() + ".tmp.png");
        BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
