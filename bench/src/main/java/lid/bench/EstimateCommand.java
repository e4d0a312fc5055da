package lid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.datasets.Duplicates;
import lid.engine.Engine;
import lid.estimators.ConfiguredEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorRegistry;
import lid.estimators.EstimatorResult;
import lid.estimators.diffusion.ModelHandle;
import lid.kernels.io.AtomicFiles;
import lid.kernels.io.OutputLock;
import lid.models.DiffusionModel;
import lid.models.ModelFiles;
import lid.models.noise.NoiseProcess;
import lid.models.noise.NoiseProcesses;
import lid.models.oracles.Oracles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lid estimate}: runs estimators on a dataset (SPEC or file), optionally with a diffusion
 * model (a checkpoint from {@code lid train}, or {@code oracle} for the exact score of a Gaussian
 * dataset), and writes DIR/estimates.csv, DIR/summary.json, DIR/summary.md, DIR/run.json and one
 * estimate-vs-truth PNG per estimator.
 *
 * <p>A checkpoint knows its data: without {@code --data} the estimates are made on a held-out
 * sample of the training SPEC (seed = training seed + 1), and a {@code --data} SPEC naming
 * another distribution than the training data's is reported with a warning.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimate LID with one or more estimators; per-point CSV, summary JSON/Markdown, plots.",
            "With --model CKPT and no --data, the points are a held-out sample of the checkpoint's training SPEC "
                + "(seed = its training seed + 1, unless --seed is given)."})
final class EstimateCommand implements Callable<Integer> {
    @Option(names = "--data", description = "dataset SPEC (e.g. sphere:d=16,D=64) or PATH.npy / PATH.csv "
            + "(default with --model CKPT: a held-out sample of the checkpoint's training SPEC)")
    String data;

    @Option(names = "--n", paramLabel = "N", description = "points of a SPEC dataset (default: " + Datasets.DEFAULT_N
            + "); with a data file, keep only its first N rows (default: every row)")
    Integer n;

    @Option(names = "--seed", paramLabel = "S", description = "seed of a SPEC's sample (default: " + Datasets.DEFAULT_SEED
            + ", or the checkpoint's training seed + 1 when --data is left to the checkpoint)")
    Long seed;

    @Option(names = "--model", description = "CKPT.safetensors from lid train (or a model directory, e.g. from lid quantize); "
            + "'oracle' (the exact score of data with a closed form: gaussian, molrg, multiscale_gaussian, affine:latent=gaussian); "
            + "or 'empirical' (the exact score of the empirical distribution of the points, a mixture of Diracs)")
    String model;

    @Option(names = "--process", description = "noise process of --model oracle|empirical (default: vp); a checkpoint has its own")
    String process;

    @Option(names = "--estimators", required = true, description = "NAME[:key=value...],... e.g. mle:k=20,flipd:t0=knee "
            + "(options of one estimator are separated by ':'); 'list' lists every estimator with its options")
    String estimators;

    @Option(names = "--points", defaultValue = "0", description = "estimate on the first N points only (0 = all; neighbours still come from all)")
    int points;

    @Mixin
    ComputeOptions compute = new ComputeOptions();

    @Option(names = "--estimator-seed", defaultValue = "42", description = "seed of noise draws, probes and bootstrap "
            + "intervals; a point's draws are keyed by it and the point's index (default: ${DEFAULT-VALUE})")
    long estimatorSeed;

    @Option(names = "--dedupe", description = "drop repeated points (keeping the first of each) before estimating")
    boolean dedupe;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Option(names = "--no-plots", description = "skip the PNG plots")
    boolean noPlots;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** What summary.json holds after {@link #call()}: per estimator its accuracy, time and memory. */
    private ObjectNode summary;

    /** The summary of the last run (what summary.json holds), for a caller running this command in process (lid demo). */
    ObjectNode summary() {
        return summary;
    }
    /** The files this command wrote into --out last time (so a re-run removes what it no longer writes). */
    static final String MANIFEST = ".lid-estimate-outputs";

    @Override
    public Integer call() {
        EstimatorRegistry registry = EstimatorRegistry.standard();
        if (estimators.strip().equalsIgnoreCase("list")) {
            System.out.print(registry.help());
            return 0;
        }
        List<ConfiguredEstimator> list = registry.parseList(estimators);
        boolean analytic = "oracle".equals(model) || "empirical".equals(model);
        if (process != null && !analytic) {
            throw new IllegalArgumentException("--process applies to --model oracle or empirical only; "
                    + (model == null ? "there is no --model" : "a checkpoint brings its own noise process"));
        }
        compute.threads();
        if (points < 0) {
            throw new IllegalArgumentException("--points must be >= 0 (0 = all points), got " + points);
        }
        if (n != null && n < 1) {
            throw new IllegalArgumentException("--n must be >= 1, got " + n);
        }
        try (OutputLock lock = Outputs.folder(out, "lid estimate")) {
            return run(list);
        }
    }

    private int run(List<ConfiguredEstimator> list) {
        Engine.use(compute.kernels());
        boolean analytic = "oracle".equals(model) || "empirical".equals(model);
        ModelFiles.Loaded ckpt = model == null || analytic ? null : ModelFiles.read(Path.of(model));
        DataChoice choice = chooseData(ckpt);
        Dataset ds = load(choice);
        NoiseProcess proc = NoiseProcesses.parse(process == null ? "vp" : process);
        DiffusionModel dm = ckpt != null ? ckpt.model()
                : "oracle".equals(model) ? Oracles.analytic(ds, proc)
                : "empirical".equals(model) ? Oracles.empirical(ds, proc) : null;
        for (ConfiguredEstimator ce : list) {
            if (ce.needsModel() && dm == null) {
                throw new IllegalArgumentException("estimator '" + ce.spec() + "' needs a diffusion model: add --model "
                        + "CKPT.safetensors (from lid train) or --model oracle (gaussian/molrg data)");
            }
        }
        if (dm != null && dm.dim() != ds.dim()) {
            throw new IllegalArgumentException("model " + model + " works in dimension D = " + dm.dim() + " but the data "
                    + ds.spec() + " has D = " + ds.dim() + "; use data of the model's dimension");
        }
        List<String> warnings = new ArrayList<>();
        if (ckpt != null && choice.given()) {
            String w = manifoldWarning(ckpt, ds);
            if (w != null) {
                System.err.println("warning: " + w);
                warnings.add(w);
            }
        }
        ds = duplicates(ds, list, warnings);
        if (points > ds.n()) {
            throw new IllegalArgumentException("--points " + points + " is more than the " + ds.n() + " points loaded"
                    + (Datasets.isFile(ds.spec()) ? " from " + ds.spec() : " (--n " + ds.n() + ")"));
        }
        int q = points == 0 ? ds.n() : points;
        EstimationInput.Builder b = EstimationInput.builder(ds.x(), ds.n(), ds.dim()).threads(compute.threads()).seed(estimatorSeed);
        if (points != 0) {
            int[] queries = new int[q];
            for (int i = 0; i < q; i++) {
                queries[i] = i;
            }
            b.queries(queries);
        }
        if (dm != null) {
            b.model(new ModelHandle(dm));
        }
        EstimationInput input = b.build();
        int[] truth = java.util.Arrays.copyOf(ds.lid(), q);
        int[] comp = java.util.Arrays.copyOf(ds.component(), q);
        boolean labelled = ds.hasGroundTruth();
        System.err.printf(Locale.ROOT, "data %s: %d points in R^%d%s%s; %d estimator(s)%s%n", ds.spec(), ds.n(), ds.dim(),
                Datasets.isFile(ds.spec()) ? "" : " (seed " + ds.seed() + ")", dm == null ? "" : "; model " + dm.describe(),
                list.size(), labelled ? "" : "; no true LID in the data: MAE and concordance are n/a");

        List<EstimatorResult> results = new ArrayList<>();
        ObjectNode summary = JSON.createObjectNode();
        this.summary = summary;
        List<String> allNaN = new ArrayList<>();
        for (ConfiguredEstimator ce : list) {
            ConfiguredEstimator.Measured run = ce.measured(input);
            EstimatorResult r = run.result();
            double seconds = run.seconds();
            long peak = run.peakBytes();
            results.add(r);
            double[] est = r.pointwiseOrGlobal(q);
            ObjectNode s = AccuracyJson.of(est, truth, labelled, estimatorSeed);
            AccuracyJson.put(s, "global", r.global());
            s.put("seconds", seconds);
            s.put("peak_bytes", peak);
            s.put("points", q);
            double[] se = r.standardErrors();
            if (se != null) {
                AccuracyJson.put(s, "mean_se", mean(se));
            }
            int nan = 0;
            for (double v : est) {
                nan += Double.isNaN(v) ? 1 : 0;
            }
            s.put("nan_points", nan);
            ObjectNode per = s.putObject("per_component");
            for (int c : java.util.Arrays.stream(comp).distinct().sorted().toArray()) {
                int[] idx = java.util.stream.IntStream.range(0, q).filter(i -> comp[i] == c).toArray();
                double[] e = new double[idx.length];
                int[] t = new int[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    e[i] = est[idx[i]];
                    t[i] = truth[idx[i]];
                }
                per.set(Integer.toString(c), AccuracyJson.of(e, t, labelled, estimatorSeed));
            }
            summary.set(r.spec(), s);
            System.err.printf(Locale.ROOT, "  %-24s MAE %s  concordance %s  %8.2f s  peak %s%s%n", r.spec(), AccuracyJson.maeText(s),
                    AccuracyJson.text(s, "concordance"), seconds, bytes(peak),
                    nan == 0 ? "" : String.format(Locale.ROOT, "  (NaN for %d of %d points)", nan, q));
            if (nan == q) {
                allNaN.add(r.spec());
            }
        }
        try {
            write(ds, choice, q, truth, comp, labelled, results, summary, warnings);
            if (!noPlots) {
                diagnostics(input, list, truth, comp, q);
            }
            removeStale();
        } catch (IOException e) {
            throw new IllegalStateException("could not write results to " + out + ": " + e.getMessage(), e);
        }
        System.err.println("wrote " + out.resolve("estimates.csv") + ", summary.json, summary.md, run.json"
                + (noPlots ? "" : " and plots"));
        if (!allNaN.isEmpty()) {
            System.err.println("error: " + String.join(", ", allNaN) + " gave NaN for every point (see the messages above; "
                    + "for kNN estimators, repeated or nearly repeated points are the usual cause: try --dedupe)");
            return 3;
        }
        return 0;
    }

    /** Where the points come from: a SPEC or a file, with the n and seed to use and how they were chosen. */
    record DataChoice(String source, Integer n, long seed, boolean given, String note) {}

    private DataChoice chooseData(ModelFiles.Loaded ckpt) {
        if (data != null) {
            return new DataChoice(data, n, seed != null ? seed : Datasets.DEFAULT_SEED, true, null);
        }
        if (ckpt == null) {
            throw new IllegalArgumentException("--data is required (a SPEC or PATH.npy/.csv), unless --model CKPT names a "
                    + "checkpoint whose training data is a SPEC");
        }
        String spec = ckpt.metadata().get("data.spec");
        if (spec == null || Datasets.isFile(spec)) {
            throw new IllegalArgumentException("--data is required: checkpoint " + model + " was trained on "
                    + (spec == null ? "data it does not record" : "the file " + spec) + ", so no held-out sample can be drawn "
                    + "from it; pass --data FILE or a SPEC");
        }
        long trained = parseLong(ckpt.metadata().get("data.seed"), 0);
        long s = seed != null ? seed : trained + 1;
        String note = seed != null ? "data: " + spec + " (the checkpoint's training SPEC), seed " + s
                : "data: a held-out sample of the checkpoint's training SPEC " + spec + ", seed " + s + " (trained on seed "
                        + trained + "; --seed chooses another)";
        System.err.println(note);
        return new DataChoice(spec, n, s, false, note);
    }

    private Dataset load(DataChoice c) {
        if (Datasets.isFile(c.source())) {
            Dataset ds = Datasets.load(c.source(), c.n() == null ? 0 : c.n(), c.seed());
            if (c.n() != null) {
                System.err.printf(Locale.ROOT, "data: the first %d rows of %s (--n)%n", ds.n(), c.source());
            }
            return ds;
        }
        return Datasets.load(c.source(), c.n() == null ? Datasets.DEFAULT_N : c.n(), c.seed());
    }

    /** One line naming both distributions when the data is not the model's training distribution, else null. */
    private static String manifoldWarning(ModelFiles.Loaded ckpt, Dataset ds) {
        String trainedOn = ckpt.metadata().get("data.spec");
        String a = ckpt.metadata().containsKey("data.distribution") ? ckpt.metadata().get("data.distribution")
                : trainedOn == null ? null : Datasets.distribution(trainedOn);
        String b = Datasets.distribution(ds.spec());
        if (a == null || b == null || a.equals(b)) {
            return null; // the same distribution, or one side unknown (a user's file): nothing to compare
        }
        return "the data " + ds.spec() + " (" + b + ") is not the distribution the model was trained on (" + trainedOn
                + ", " + a + "): another family, parameters or instance; the estimates measure the model away from its "
                + "training data";
    }

    /** Repeated points: dropped with --dedupe; otherwise an error for kNN estimators (zero distances), a warning else. */
    private Dataset duplicates(Dataset ds, List<ConfiguredEstimator> list, List<String> warnings) {
        int[] firstOf = Duplicates.firstOccurrence(ds.x(), ds.n(), ds.dim());
        int repeated = 0;
        int example = -1;
        for (int i = 0; i < firstOf.length; i++) {
            if (firstOf[i] != i) {
                repeated++;
                example = example < 0 ? i : example;
            }
        }
        if (repeated == 0) {
            return ds;
        }
        String what = String.format(Locale.ROOT, "%d of the %d points repeat an earlier point (e.g. row %d repeats row %d)",
                repeated, ds.n(), example + 1, firstOf[example] + 1);
        if (dedupe) {
            Dataset d = Duplicates.drop(ds, firstOf);
            System.err.println("dropped repeated points (--dedupe): " + what + "; " + d.n() + " points remain");
            return d;
        }
        boolean knn = list.stream().anyMatch(ce -> !ce.needsModel());
        if (knn) {
            throw new IllegalArgumentException(what + ": kNN estimators divide by distances to neighbours, which are 0 there; "
                    + "pass --dedupe to drop the repeats (keeping the first of each) or remove them from the data");
        }
        String w = what + "; model-based estimators treat them as separate points";
        System.err.println("warning: " + w);
        warnings.add(w);
        return ds;
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
            written.add("flipd".equals(ce.estimator().name()) ? "flipd_curves_" + file + ".png"
                    : "nb".equals(ce.estimator().name()) ? "nb_spectra_" + file + ".png" : null);
        }
    }

    static String bytes(long b) {
        return b < 1 << 20 ? String.format(Locale.ROOT, "%.1f KB", b / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", b / 1048576.0);
    }

    private static double mean(double[] v) {
        double s = 0;
        int k = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                s += x;
                k++;
            }
        }
        return k == 0 ? Double.NaN : s / k;
    }

    /** Every file this run wrote (relative to --out), for the manifest. */
    private final Set<String> written = new LinkedHashSet<>();

    private void write(Dataset ds, DataChoice choice, int q, int[] truth, int[] comp, boolean labelled,
                       List<EstimatorResult> results, ObjectNode summary, List<String> warnings) throws IOException {
        StringBuilder csv = new StringBuilder("point,true_lid,component");
        for (EstimatorResult r : results) {
            csv.append(',').append(csvField(r.spec()));
        }
        List<double[]> ses = new ArrayList<>();
        for (EstimatorResult r : results) {
            if (r.standardErrors() != null) {
                csv.append(',').append(csvField("se(" + r.spec() + ")"));
                ses.add(r.standardErrors());
            }
        }
        csv.append('\n');
        List<double[]> cols = new ArrayList<>();
        for (EstimatorResult r : results) {
            cols.add(r.pointwiseOrGlobal(q));
        }
        for (int i = 0; i < q; i++) {
            csv.append(i).append(',').append(labelled ? Integer.toString(truth[i]) : "nan").append(',').append(comp[i]);
            for (double[] c : cols) {
                csv.append(',').append(num(c[i]));
            }
            for (double[] c : ses) {
                csv.append(',').append(num(c[i]));
            }
            csv.append('\n');
        }
        StringBuilder md = new StringBuilder("| estimator | MAE [95% CI] | concordance | Spearman | mean SE | seconds | peak tensor memory |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        summary.fields().forEachRemaining(e -> {
            ObjectNode s = (ObjectNode) e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.2f | %s |%n", e.getKey(), AccuracyJson.maeText(s),
                    AccuracyJson.text(s, "concordance"), AccuracyJson.text(s, "spearman"),
                    s.has("mean_se") ? AccuracyJson.text(s, "mean_se") : "", s.get("seconds").asDouble(),
                    bytes(s.get("peak_bytes").asLong())));
        });
        if (!labelled) {
            md.append("\nThe data has no true LID labels: accuracy metrics are n/a.\n");
        }
        ObjectNode run = JSON.createObjectNode();
        run.put("data", ds.spec());
        run.put("data_is_file", Datasets.isFile(ds.spec()));
        if (!Datasets.isFile(ds.spec())) {
            run.put("data_canonical", Datasets.canonical(ds.spec()));
            run.put("seed", ds.seed());
        }
        run.put("n", ds.n());
        run.put("dim", ds.dim());
        run.put("points", q);
        run.put("labelled", labelled);
        run.put("model", model);
        run.put("estimator_seed", estimatorSeed);
        run.put("threads", compute.threads());
        if (choice.note() != null) {
            run.put("data_note", choice.note());
        }
        var w = run.putArray("warnings");
        warnings.forEach(w::add);
        try (AtomicFiles files = new AtomicFiles()) {
            files.add(out.resolve("estimates.csv"), o -> o.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
            files.add(out.resolve("summary.json"), o -> o.write(JSON.writeValueAsBytes(summary)));
            files.add(out.resolve("summary.md"), o -> o.write(md.toString().getBytes(StandardCharsets.UTF_8)));
            files.add(out.resolve("run.json"), o -> o.write(JSON.writeValueAsBytes(run)));
            files.commit();
        }
        written.addAll(List.of("estimates.csv", "summary.json", "summary.md", "run.json"));
        if (!noPlots && labelled) {
            for (int j = 0; j < results.size(); j++) {
                String spec = results.get(j).spec();
                String file = "estimate_vs_truth_" + EstimatePlots.safeName(spec) + ".png";
                EstimatePlots.estimateVsTruth(out.resolve(file), spec + " on " + ds.spec(), cols.get(j), truth);
                written.add(file);
            }
        }
    }

    /** Removes the files the previous run into --out wrote and this one did not, then records this run's. */
    private void removeStale() throws IOException {
        written.remove(null);
        Path manifest = out.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) {
            for (String f : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                if (!f.isBlank() && !written.contains(f) && !f.contains("/") && !f.contains("\\")) {
                    Files.deleteIfExists(out.resolve(f));
                }
            }
        }
        try (AtomicFiles files = new AtomicFiles()) {
            files.add(manifest, o -> o.write((String.join("\n", written) + "\n").getBytes(StandardCharsets.UTF_8)));
            files.commit();
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "nan";
    }

    private static long parseLong(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
