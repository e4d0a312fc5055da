package lid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.engine.Engine;
import lid.engine.Memory;
import lid.estimators.ConfiguredEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorRegistry;
import lid.estimators.EstimatorResult;
import lid.estimators.diffusion.ModelHandle;
import lid.estimators.metrics.MetricSet;
import lid.estimators.metrics.Metrics;
import lid.kernels.io.AtomicFiles;
import lid.models.DiffusionModel;
import lid.models.ModelFiles;
import lid.models.noise.NoiseProcesses;
import lid.models.oracles.Oracles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lid estimate}: runs estimators on a dataset (SPEC or file), optionally with a diffusion
 * model (a checkpoint from {@code lid train}, or {@code oracle} for the exact score of a Gaussian
 * dataset), and writes DIR/estimates.csv, DIR/summary.json, DIR/summary.md and one
 * estimate-vs-truth PNG per estimator.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Estimate LID with one or more estimators; per-point CSV, summary JSON/Markdown, plots.")
final class EstimateCommand implements Runnable {
    @Option(names = "--data", required = true, description = "dataset SPEC (e.g. sphere:d=16,D=64) or PATH.npy / PATH.csv")
    String data;

    @Option(names = "--n", defaultValue = "" + Datasets.DEFAULT_N, description = "points of a SPEC dataset (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--seed", defaultValue = "" + Datasets.DEFAULT_SEED, description = "dataset seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--model", description = "CKPT.safetensors from lid train (or a model directory, e.g. from lid quantize), or 'oracle' (exact score of gaussian/molrg data)")
    String model;

    @Option(names = "--process", defaultValue = "vp", description = "noise process of the oracle (default: ${DEFAULT-VALUE})")
    String process;

    @Option(names = "--estimators", required = true, description = "NAME[:key=value...],... e.g. mle:k=20,flipd:t0=knee")
    String estimators;

    @Option(names = "--points", defaultValue = "0", description = "estimate on the first N points only (0 = all; neighbours still come from all)")
    int points;

    @Option(names = "--threads", defaultValue = "0", description = "compute threads (0 = all processors)")
    int threads;

    @Mixin
    DeviceOption device = new DeviceOption();

    @Option(names = "--estimator-seed", defaultValue = "42", description = "seed of noise draws and probes (default: ${DEFAULT-VALUE})")
    long estimatorSeed;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Option(names = "--no-plots", description = "skip the PNG plots")
    boolean noPlots;

    @Override
    public void run() {
        EstimatorRegistry registry = EstimatorRegistry.standard();
        List<ConfiguredEstimator> list = registry.parseList(estimators);
        Engine.use(device.kernels(threads));
        Dataset ds = Datasets.load(data, n, seed);
        DiffusionModel dm = loadModel(ds);
        for (ConfiguredEstimator ce : list) {
            if (ce.needsModel() && dm == null) {
                throw new IllegalArgumentException("estimator '" + ce.spec() + "' needs a diffusion model: add --model "
                        + "CKPT.safetensors (from lid train) or --model oracle (gaussian/molrg data)");
            }
        }
        if (points < 0 || points > ds.n()) {
            throw new IllegalArgumentException("--points must be in [0, " + ds.n() + "], got " + points);
        }
        int q = points == 0 ? ds.n() : points;
        int[] queries = new int[q];
        for (int i = 0; i < q; i++) {
            queries[i] = i;
        }
        EstimationInput.Builder b = EstimationInput.builder(ds.x(), ds.n(), ds.dim()).threads(threads).seed(estimatorSeed);
        if (points != 0) {
            b.queries(queries);
        }
        if (dm != null) {
            b.model(new ModelHandle(dm));
        }
        EstimationInput input = b.build();
        int[] truth = java.util.Arrays.copyOf(ds.lid(), q);
        int[] comp = java.util.Arrays.copyOf(ds.component(), q);
        System.err.printf(Locale.ROOT, "data %s: %d points in R^%d%s; %d estimator(s)%n", ds.spec(), ds.n(), ds.dim(),
                dm == null ? "" : "; model " + dm.describe(), list.size());

        List<EstimatorResult> results = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        for (ConfiguredEstimator ce : list) {
            long start = System.nanoTime();
            EstimatorResult r;
            long peak;
            try (Memory.Measurement mm = Memory.measure()) {
                r = ce.run(input);
                peak = mm.peakAboveStart();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            results.add(r);
            double[] est = r.pointwiseOrGlobal(q);
            Metrics.Report rep = Metrics.report(est, truth, comp);
            Map<String, Object> s = metrics(rep.overall());
            s.put("global", r.global());
            s.put("seconds", seconds);
            s.put("peak_bytes", peak);
            s.put("points", q);
            Map<String, Object> per = new LinkedHashMap<>();
            rep.perComponent().forEach((c, m) -> per.put(Integer.toString(c), metrics(m)));
            s.put("per_component", per);
            summary.put(r.spec(), s);
            System.err.printf(Locale.ROOT, "  %-24s MAE %8.3f  concordance %.3f  %8.2f s  peak %s%n", r.spec(),
                    rep.overall().mae(), rep.overall().concordance(), seconds, bytes(peak));
        }
        try {
            write(ds, q, truth, comp, results, summary);
            if (!noPlots) {
                diagnostics(input, list, truth, comp, q);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not write results to " + out + ": " + e.getMessage(), e);
        }
        System.err.println("wrote " + out.resolve("estimates.csv") + ", summary.json, summary.md"
                + (noPlots ? "" : " and plots"));
    }

    private DiffusionModel loadModel(Dataset ds) {
        if (model == null) {
            return null;
        }
        if (model.equals("oracle")) {
            return Oracles.forDataset(ds, NoiseProcesses.parse(process));
        }
        DiffusionModel m = ModelFiles.load(Path.of(model));
        if (m.dim() != ds.dim()) {
            throw new IllegalArgumentException("model " + model + " works in dimension " + m.dim() + " but the data has "
                    + ds.dim() + " coordinates");
        }
        return m;
    }

    /** FLIPD curves and normal-bundle spectra of a few points, for the estimators that have them. */
    private void diagnostics(EstimationInput input, List<ConfiguredEstimator> list, int[] truth, int[] comp, int q)
            throws IOException {
        int[] show = DiagnosticPlots.pick(comp, q);
        for (ConfiguredEstimator ce : list) {
            String file = EstimatePlots.safeName(ce.spec());
            switch (ce.estimator().name()) {
                case "flipd" -> DiagnosticPlots.flipdCurves(out.resolve("flipd_curves_" + file + ".png"), input, ce, show, truth);
                case "nb" -> DiagnosticPlots.normalBundleSpectra(out.resolve("nb_spectra_" + file + ".png"), input, ce, show,
                        truth);
                default -> { }
            }
        }
    }

    private static Map<String, Object> metrics(MetricSet m) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mae", m.mae());
        s.put("mse", m.mse());
        s.put("concordance", m.concordance());
        s.put("concordance_with_equal", m.concordanceWithEqual());
        s.put("concordance_distinct", m.concordanceDistinct());
        s.put("spearman", m.spearman());
        s.put("n", m.n());
        return s;
    }

    static String bytes(long b) {
        return b < 1 << 20 ? String.format(Locale.ROOT, "%.1f KB", b / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", b / 1048576.0);
    }

    private void write(Dataset ds, int q, int[] truth, int[] comp, List<EstimatorResult> results,
                       Map<String, Object> summary) throws IOException {
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder("point,true_lid,component");
        for (EstimatorResult r : results) {
            csv.append(',').append(csvField(r.spec()));
        }
        csv.append('\n');
        List<double[]> cols = new ArrayList<>();
        for (EstimatorResult r : results) {
            cols.add(r.pointwiseOrGlobal(q));
        }
        for (int i = 0; i < q; i++) {
            csv.append(i).append(',').append(truth[i]).append(',').append(comp[i]);
            for (double[] c : cols) {
                csv.append(',').append(Double.isFinite(c[i]) ? Double.toString(c[i]) : "nan");
            }
            csv.append('\n');
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        StringBuilder md = new StringBuilder("| estimator | MAE | concordance | Spearman | seconds | peak tensor memory |\n");
        md.append("|---|---|---|---|---|---|\n");
        summary.forEach((spec, v) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) v;
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.2f | %s |%n", spec, (double) s.get("mae"),
                    (double) s.get("concordance"), (double) s.get("spearman"), (double) s.get("seconds"),
                    bytes((long) s.get("peak_bytes"))));
        });
        try (AtomicFiles files = new AtomicFiles()) {
            files.add(out.resolve("estimates.csv"), o -> o.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
            files.add(out.resolve("summary.json"), o -> o.write(json.writeValueAsBytes(summary)));
            files.add(out.resolve("summary.md"), o -> o.write(md.toString().getBytes(StandardCharsets.UTF_8)));
            files.commit();
        }
        if (!noPlots) {
            for (int j = 0; j < results.size(); j++) {
                String spec = results.get(j).spec();
                EstimatePlots.estimateVsTruth(out.resolve("estimate_vs_truth_" + EstimatePlots.safeName(spec) + ".png"),
                        spec + " on " + ds.spec(), cols.get(j), truth);
            }
        }
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
