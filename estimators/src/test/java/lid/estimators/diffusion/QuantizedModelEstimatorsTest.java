package lid.estimators.diffusion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.engine.nn.Module;
import lid.engine.nn.Quantization;
import lid.estimators.ConfiguredEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorRegistry;
import lid.kernels.WeightFormat;
import lid.models.TrainedModel;
import lid.models.nets.Architectures;
import lid.models.noise.VpSde;
import lid.models.params.Parameterization;
import lid.models.train.TrainConfig;
import lid.models.train.TrainListener;
import lid.models.train.Trainer;
import lid.models.train.Weighting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every model-based estimator runs on a quantized trained network (forward and forward-mode
 * tangents through the quantized layers), and with 8-bit or 16-bit weights its per-point
 * estimates stay close to the float32 model's on the same points and noise draws.
 */
class QuantizedModelEstimatorsTest {
    private static final List<String> ESTIMATORS = List.of("dsm", "eb", "ism", "flipd", "flipd:t0=knee", "nb", "fpregress",
            "cfdm", "lidl");
    private static TrainedModel model;
    private static Dataset data;

    @BeforeAll
    static void train() {
        data = Datasets.generate("affine:D=8,dims=2-5", 2000, 1);
        VpSde vp = VpSde.standard();
        Architectures.Built b = Architectures.resolve("mlp:widths=64-64", new Architectures.Context(8, null, null, vp, 1));
        model = new TrainedModel(b.arch(), b.net(), vp, Parameterization.EPS, null);
        TrainConfig cfg = new TrainConfig(400, 128, 2e-3, 40, 0, 0, 1, 0.99, 1e-5, 1, Weighting.EPS, false, 1, 0, 0, 100);
        new Trainer(model, cfg, data.x(), new float[0], null, Map.of()).run(TrainListener.NONE);
    }

    private static final Map<WeightFormat, Map<String, double[]>> CACHE = new java.util.EnumMap<>(WeightFormat.class);

    private static Map<String, double[]> estimates(WeightFormat f) {
        return CACHE.computeIfAbsent(f, QuantizedModelEstimatorsTest::compute);
    }

    private static Map<String, double[]> compute(WeightFormat f) {
        Quantization.quantize((Module) model.net(), f, n -> false);
        try {
            EstimatorRegistry registry = EstimatorRegistry.standard();
            Map<String, double[]> out = new LinkedHashMap<>();
            int[] queries = new int[40];
            for (int i = 0; i < queries.length; i++) {
                queries[i] = i * 50;
            }
            for (String spec : ESTIMATORS) {
                ConfiguredEstimator ce = registry.parse(spec);
                EstimationInput in = EstimationInput.builder(data.x(), data.n(), data.dim()).queries(queries).seed(3).threads(2)
                        .model(new ModelHandle(model)).build();
                out.put(spec, ce.run(in).pointwiseOrGlobal(queries.length));
            }
            return out;
        } finally {
            Quantization.quantize((Module) model.net(), WeightFormat.F32, n -> false);
        }
    }

    private static double mad(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }

    @Test
    void eightAndSixteenBitWeightsGiveEstimatesCloseToFloat32() {
        Map<String, double[]> f32 = estimates(WeightFormat.F32);
        Map<WeightFormat, Double> bound = Map.of(WeightFormat.BF16, 0.1, WeightFormat.F16, 0.05, WeightFormat.Q8, 0.15);
        for (WeightFormat f : List.of(WeightFormat.BF16, WeightFormat.F16, WeightFormat.Q8)) {
            Map<String, double[]> q = estimates(f);
            for (String spec : ESTIMATORS) {
                double[] a = f32.get(spec), b = q.get(spec);
                for (double v : b) {
                    assertTrue(Double.isFinite(v), spec + " " + f + ": " + v);
                }
                double d = mad(a, b);
                assertTrue(d <= bound.get(f), spec + " " + f + ": mean |LID - LID_f32| = " + d + " > " + bound.get(f));
            }
        }
    }

    @Test
    void theQuantizedPathIsReallyTakenAndQ4DeviatesMoreThanQ8() {
        Map<String, double[]> f32 = estimates(WeightFormat.F32);
        Map<String, double[]> q8 = estimates(WeightFormat.Q8);
        Map<String, double[]> q4 = estimates(WeightFormat.Q4);
        double s8 = 0, s4 = 0;
        for (String spec : List.of("dsm", "flipd", "ism")) { // continuous estimates (nb and eb count eigenvalues)
            double d8 = mad(f32.get(spec), q8.get(spec));
            assertTrue(d8 > 0, spec + ": q8 estimates are identical to f32, so the quantized weights were not used");
            s8 += d8;
            s4 += mad(f32.get(spec), q4.get(spec));
        }
        assertTrue(s4 > s8, "q4 total deviation " + s4 + " should exceed q8's " + s8);
    }
}
