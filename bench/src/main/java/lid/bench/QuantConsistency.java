package lid.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lid.datasets.Dataset;
import lid.engine.Engine;
import lid.engine.nn.Module;
import lid.engine.nn.Quantization;
import lid.estimators.ConfiguredEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorRegistry;
import lid.estimators.diffusion.ModelHandle;
import lid.kernels.WeightFormat;
import lid.models.TrainedModel;

/**
 * The "MAE from FP32" consistency table of the score-matching LID paper, extended to Q8 and
 * Q4: for each estimator and weight format, points/s, peak tensor bytes, weight bytes, and the
 * mean absolute difference of the per-point LID estimates from the float32 model's on the same
 * points with the same noise draws (common random numbers, so the difference is the weights').
 * Formats are timed alternately in rounds so drift of the machine hits all of them alike.
 */
final class QuantConsistency {
    private QuantConsistency() {}

    /** What one run needs: the model (float32 weights), data, points and timing. */
    record Settings(TrainedModel model, Dataset data, List<String> estimators, List<WeightFormat> formats, int points,
                    int threads, long seed, int rounds, double windowSeconds) {}

    static void run(Settings s, Output out) {
        Module net = (Module) s.model().net();
        EstimatorRegistry registry = EstimatorRegistry.standard();
        int q = s.points();
        int[] queries = new int[q];
        Arrays.setAll(queries, i -> i);
        int[] truth = Arrays.copyOf(s.data().lid(), q);
        List<WeightFormat> formats = new ArrayList<>(s.formats());
        formats.remove(WeightFormat.F32);
        formats.add(0, WeightFormat.F32); // the reference comes first
        for (String spec : s.estimators()) {
            ConfiguredEstimator ce = registry.parse(spec);
            if (!ce.needsModel()) {
                throw new IllegalArgumentException("estimator '" + spec + "' does not use the model, so weight formats cannot "
                        + "change it; pick model-based ones (dsm, eb, ism, flipd, nb, lidl, fpregress, cfdm)");
            }
            Runnable[] calls = new Runnable[formats.size()];
            Map<WeightFormat, double[]> estimates = new LinkedHashMap<>();
            Map<WeightFormat, Long> peaks = new LinkedHashMap<>();
            Map<WeightFormat, Long> weightBytes = new LinkedHashMap<>();
            for (int i = 0; i < formats.size(); i++) {
                WeightFormat f = formats.get(i);
                Quantization.quantize(net, f, n -> false);
                weightBytes.put(f, Quantization.parameterBytes(net));
                calls[i] = () -> ce.run(input(s, queries));
                ConfiguredEstimator.Measured run = ce.measured(input(s, queries));
                estimates.put(f, run.result().pointwiseOrGlobal(q));
                peaks.put(f, run.peakBytes());
            }
            double[][] rates = new double[formats.size()][s.rounds()];
            for (int r = -1; r < s.rounds(); r++) { // round -1 warms every format up and is discarded
                for (int i = 0; i < formats.size(); i++) {
                    Quantization.quantize(net, formats.get(i), n -> false);
                    double rate = RateMeter.measure(calls[i], 0, s.windowSeconds(), 1)
                            .median();
                    if (r >= 0) {
                        rates[i][r] = rate;
                    }
                }
            }
            double[] ref = estimates.get(WeightFormat.F32);
            for (int i = 0; i < formats.size(); i++) {
                WeightFormat f = formats.get(i);
                double[] est = estimates.get(f);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("estimator", spec);
                row.put("format", f.tag());
                row.put("points_per_s", new RateMeter.Rates(rates[i]).median() * q);
                row.put("peak_bytes", peaks.get(f));
                row.put("weight_bytes", weightBytes.get(f));
                row.put("mad_vs_f32", meanAbsDiff(est, ref));
                row.put("maxdiff_vs_f32", maxAbsDiff(est, ref));
                row.put("mae", meanAbsError(est, truth));
                row.put("mean_lid", Arrays.stream(est).average().orElse(Double.NaN));
                row.put("points", q);
                row.put("threads", s.threads());
                row.put("backend", Engine.kernels().name());
                out.row(row);
            }
        }
        Quantization.quantize(net, WeightFormat.F32, n -> false);
        out.finish();
    }

    /** A fresh input per call, so no estimator serves a cached artifact. */
    private static EstimationInput input(Settings s, int[] queries) {
        Dataset ds = s.data();
        return EstimationInput.builder(ds.x(), ds.n(), ds.dim()).queries(queries).threads(s.threads()).seed(s.seed())
                .model(new ModelHandle(s.model())).build();
    }

    static double meanAbsDiff(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double meanAbsError(double[] est, int[] truth) {
        double sum = 0;
        for (int i = 0; i < est.length; i++) {
            sum += Math.abs(est[i] - truth[i]);
        }
        return sum / est.length;
    }

    /** One line for stderr: what was measured. */
    static String describe(Settings s) {
        return String.format(Locale.ROOT, "consistency of %s on %s (%d of %d points, D = %d), model %s; formats %s; "
                        + "%d timing rounds of %.2f s", s.estimators(), s.data().spec(), s.points(), s.data().n(),
                s.data().dim(), s.model().describe(), s.formats().stream().map(WeightFormat::tag).toList(), s.rounds(),
                s.windowSeconds());
    }
}
