package lid.extending;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.datasets.generators.GeneratorRegistry;
import lid.datasets.generators.Points;
import lid.datasets.spec.Params;
import lid.engine.Arena;
import lid.engine.Tensor;
import lid.engine.optim.Adam;
import lid.estimators.ConfiguredEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorRegistry;
import lid.estimators.EstimatorResult;
import lid.kernels.RandomKeys;
import lid.models.nets.Architectures;
import lid.models.nets.ScoreNet;
import lid.models.noise.NoiseProcess;
import lid.models.noise.VpSde;
import lid.models.train.DsmLoss;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of docs/extending.md, each registered the way its recipe's one line
 * registers it and exercised through the same path as the built-in entries: parsing with the
 * one SPEC grammar and its error style, then the real work (an estimate, a sample, a process's
 * calculus, a training run).
 */
class ExtendingExamplesTest {

    @Test
    void estimatorFindsTheDimensionOfABallAndRejectsBadOptionsLikeEveryEstimator() {
        EstimatorRegistry registry = EstimatorRegistry.standard().with(new KnnSlope());
        Dataset ds = Datasets.generate("ball:d=3,D=6", 3000, 1);
        EstimationInput in = EstimationInput.builder(ds.x(), ds.n(), ds.dim()).threads(2).build();
        ConfiguredEstimator ce = registry.parse("kslope:k=20");
        EstimatorResult r = ce.run(in);
        assertEquals(3000, r.pointwise().length);
        assertEquals(3, r.global(), 0.4, "a locally uniform 3-ball");

        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> registry.parse("kslope:k=2"));
        assertTrue(range.getMessage().startsWith("estimator 'kslope', option k=2: must be"), range.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> registry.parse("kslope:q=1"));
        assertTrue(unknown.getMessage().contains("estimator 'kslope' has no option 'q'; valid: k"), unknown.getMessage());
    }

    @Test
    void generatorDrawsAHelixPointByPointAndTakesTheCommonOptions() {
        GeneratorRegistry registry = GeneratorRegistry.standard().with(Helix.INFO);
        Points p = registry.generate("helix:turns=3", 500, 7);
        assertEquals(3, p.dim());
        for (int i = 0; i < p.n(); i++) {
            double r2 = p.x()[3 * i] * p.x()[3 * i] + p.x()[3 * i + 1] * p.x()[3 * i + 1];
            assertEquals(1, r2, 1e-5, "on the unit cylinder");
            assertTrue(p.x()[3 * i + 2] >= 0 && p.x()[3 * i + 2] <= 1.5f, "height within 3 turns of pitch 0.5");
            assertEquals(1, p.lid()[i]);
        }
        Points fewer = registry.generate("helix:turns=3", 200, 7);
        assertArrayEquals(Arrays.copyOf(p.x(), 600), fewer.x(), "point i does not depend on n");
        assertEquals(10, registry.generate("helix:D=10", 50, 7).dim(), "the common option D embeds it");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.generate("helix:turns=0", 5, 0));
        assertTrue(e.getMessage().startsWith("dataset generator 'helix', option turns=0: must be"), e.getMessage());
    }

    @Test
    void noiseProcessDerivativesMatchFiniteDifferencesAndItsSpecReadsBack() {
        NoiseProcess p = SubVpSde.INFO.builder().apply(Params.parse("noise process", "subvp:bmax=10", SubVpSde.INFO.params()));
        assertEquals(new SubVpSde(0.1, 10), p);
        for (double t : new double[] {1e-4, 0.1, 0.5, 0.9, 0.999}) {
            double h = 1e-6;
            assertEquals((p.a(t + h) - p.a(t - h)) / (2 * h), p.da(t), 1e-6, "da at " + t);
            assertEquals((p.b(t + h) - p.b(t - h)) / (2 * h), p.db(t), 1e-6, "db at " + t);
            double vp = Math.sqrt(1 - p.a(t) * p.a(t));
            assertTrue(p.b(t) <= vp + 1e-15, "sub-VP: less noise than VP at " + t);
        }
        assertEquals(p, SubVpSde.INFO.builder().apply(Params.parse("noise process", p.spec(), SubVpSde.INFO.params())));
        assertArrayEquals(new double[] {1e-5, 1}, p.trainRange(), "b(0) = 0: training starts just above 0");
    }

    @Test
    void architectureBuildsFromItsSpecAndLearnsByDenoisingScoreMatching() {
        int dim = 4;
        NoiseProcess vp = VpSde.standard();
        ScoreNet net = LinearScoreNet.INFO.builder().build(
                Params.parse("architecture", "linear:temb=8", LinearScoreNet.INFO.params()),
                new Architectures.Context(dim, null, null, vp, 0), RandomKeys.key(0, RandomKeys.Purpose.WEIGHT_INIT));
        assertEquals(Set.of("net.weight", "net.bias"), net.namedParameters().keySet());
        assertEquals((dim + 8) * dim + dim, net.parameters().stream().mapToLong(Tensor::size).sum());

        Adam opt = Adam.adam(net.parameters(), 1e-2f);
        Tensor x0 = Tensor.randn(0, 1, 256, dim);
        double first = 0, last = 0;
        for (int step = 0; step < 300; step++) {
            try (Arena arena = Arena.open()) {
                Tensor t = Tensor.rand(1, 2L * step, 256);
                Tensor eps = Tensor.randn(1, 2L * step + 1, 256, dim);
                Tensor loss = DsmLoss.loss(net, vp, x0, t, eps);
                double v = loss.item();
                first += step < 30 ? v : 0;
                last += step >= 270 ? v : 0;
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
        }
        assertTrue(last < 0.8 * first, "loss falls: first 30 steps " + first / 30 + ", last 30 " + last / 30);
    }
}
