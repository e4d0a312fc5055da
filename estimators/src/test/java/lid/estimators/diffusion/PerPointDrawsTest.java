package lid.estimators.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.engine.Engine;
import lid.estimators.ConfiguredEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorRegistry;
import lid.estimators.EstimatorResult;
import lid.kernels.Kernels;
import lid.kernels.VectorKernels;
import lid.models.DiffusionModel;
import lid.models.TrainedModel;
import lid.models.nets.Architectures;
import lid.models.noise.VpSde;
import lid.models.oracles.Oracles;
import lid.models.params.Parameterization;
import org.junit.jupiter.api.Test;

/**
 * Noise draws and probes belong to points: independent per point by default (an unbiased data-set
 * mean and a per-point Monte-Carlo standard error), the same for every point under draws=shared,
 * and a point's estimate is bit-identical alone, in any batch, among any other queries and with
 * any thread count.
 */
class PerPointDrawsTest {
    private static final VpSde VP = VpSde.standard();

    private static EstimatorResult run(String spec, Dataset ds, DiffusionModel m, int[] queries, int threads, long seed) {
        ConfiguredEstimator ce = EstimatorRegistry.standard().parseList(spec).get(0);
        EstimationInput.Builder b = EstimationInput.builder(ds.x(), ds.n(), ds.dim()).model(new ModelHandle(m)).seed(seed)
                .threads(threads);
        if (queries != null) {
            b.queries(queries);
        }
        return ce.run(b.build());
    }

    /** The trust issue's case: the exact score of a rank-5 Gaussian in R^30, m = 8 draws per point. */
    @Test
    void dsmOnTheOracleIsUnbiasedWithPerPointDraws() {
        Dataset ds = Datasets.generate("gaussian:D=30,d=5", 600, 1);
        DiffusionModel oracle = Oracles.forDataset(ds, VP);
        EstimatorResult r = run("dsm:t=0.01", ds, oracle, null, 2, 42);
        double mean = 0, mae = 0;
        for (double v : r.pointwise()) {
            mean += v / ds.n();
            mae += Math.abs(v - 5) / ds.n();
        }
        assertEquals(5, mean, 0.2, "data-set mean of DSM-LID");
        assertTrue(mae <= 1.1, "MAE " + mae + " (about 0.8 sqrt(2d/m) = 0.89 expected)");
        assertTrue(mae > 0.5, "per-point draws spread the estimates (MAE " + mae + "); shared draws would not");
        double[] se = r.standardErrors();
        assertNotNull(se, "dsm reports a per-point standard error");
        double meanSe = 0;
        for (double s : se) {
            meanSe += s / se.length;
        }
        // the MC error of a mean of m = 8 draws of a chi-square-like loss: sqrt(2d/m) = 1.12 on average
        assertEquals(Math.sqrt(2.0 * 5 / 8), meanSe, 0.25, "mean standard error");

        EstimatorResult shared = run("dsm:t=0.01:draws=shared", ds, oracle, null, 2, 42);
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (double v : shared.pointwise()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertTrue(hi - lo < 0.3, "shared draws move every point together (spread " + (hi - lo) + ")");
    }

    /** Two copies of one point get the same draws only under draws=shared. */
    @Test
    void sharedDrawsAreTheSameForEveryPoint() {
        Dataset base = Datasets.generate("gaussian:D=12,d=3", 4, 2);
        float[] x = base.x().clone();
        System.arraycopy(x, 0, x, 12, 12); // point 1 = point 0
        Dataset ds = new Dataset("copy", 0, 4, 12, x, base.lid(), base.component(), base.mixture(), null);
        DiffusionModel oracle = Oracles.forDataset(base, VP);
        for (String spec : List.of("dsm:m=4", "eb:m=6", "nb:K=16", "flipd:probes=3", "ism:probes=3", "lidl:probes=2:deltas=3:steps=8:exact_up_to=0")) {
            EstimatorResult point = run(spec, ds, oracle, null, 1, 7);
            EstimatorResult shared = run(spec + ":draws=shared", ds, oracle, null, 1, 7);
            assertEquals(shared.pointwise()[0], shared.pointwise()[1], spec + ": shared draws, equal points, equal estimates");
            if (!spec.startsWith("nb") && !spec.startsWith("eb")) { // counts may coincide by chance
                assertNotEquals(point.pointwise()[0], point.pointwise()[1], spec + ": each point has its own draws");
            }
        }
    }

    /**
     * A point's estimate does not depend on the batch it is in, which other points are asked for,
     * or the thread count: a random (untrained) MLP with LayerNorm makes every GEMM and
     * normalisation count.
     */
    @Test
    void aPointsEstimateIsTheSameAloneInABatchAndOnAnyThreadCount() {
        Dataset ds = Datasets.generate("affine:D=9,dims=2-4", 40, 3);
        Architectures.Built b = Architectures.resolve("mlp:widths=48-48,ln=true", new Architectures.Context(9, null, null, VP, 5));
        DiffusionModel model = new TrainedModel(b.arch(), b.net(), VP, Parameterization.EPS, null);
        Kernels before = Engine.kernels();
        try {
            for (String spec : List.of("dsm:m=5", "dsm:m=3:ortho=true", "eb:m=9", "flipd:t0=0.05", "flipd:t0=0.05:probes=4",
                    "ism:probes=4:probe=gaussian", "nb:K=12", "fpregress:probes=2", "lidl:probes=2:deltas=3:steps=6:exact_up_to=0")) {
                Engine.use(new VectorKernels(2));
                double[] all = run(spec + ":batch=16", ds, model, null, 2, 11).pointwise();
                Engine.use(new VectorKernels(1));
                double[] one = run(spec + ":batch=1", ds, model, null, 1, 11).pointwise();
                assertArrayEquals(all, one, spec + ": batch of 16 on 2 threads vs one point at a time on 1 thread");
                int[] some = {37, 3, 20};
                double[] subset = run(spec + ":batch=2", ds, model, some, 1, 11).pointwise();
                for (int i = 0; i < some.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(all[some[i]]), Double.doubleToRawLongBits(subset[i]),
                            spec + ": point " + some[i] + " asked for among others");
                }
                double[] single = run(spec, ds, model, new int[] {20}, 2, 11).pointwise();
                assertEquals(Double.doubleToRawLongBits(all[20]), Double.doubleToRawLongBits(single[0]), spec + ": point 20 alone");
            }
        } finally {
            Engine.use(before);
        }
    }
}
