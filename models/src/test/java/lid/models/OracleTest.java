package lid.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.datasets.LowRankMixture;
import lid.engine.Arena;
import lid.engine.Tensor;
import lid.models.likelihood.Divergence;
import lid.models.nets.MolrgDenoiser;
import lid.models.noise.NoiseProcess;
import lid.models.noise.RectifiedFlow;
import lid.models.noise.VpSde;
import lid.models.oracles.DiracMixtureOracle;
import lid.models.oracles.GaussianMixtureOracle;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;

/** Oracle scores against direct double-precision formulas, and their forward-mode Jacobians. */
class OracleTest {
    private static final NoiseProcess VP = VpSde.standard();

    @Test
    void gaussianWithAnyCovarianceMatchesTheInverseFormula() {
        double[] mean = {0.5, -1, 2};
        double[][] cov = {{2, 0.6, 0.1}, {0.6, 1, -0.3}, {0.1, -0.3, 0.5}};
        GaussianMixtureOracle oracle = GaussianMixtureOracle.gaussian(VP, mean, cov);
        try (Arena arena = Arena.open()) {
            Tensor x = Tensor.randn(3, 0, 4, 3);
            Tensor t = Tensor.of(new float[] {0.01f, 0.1f, 0.4f, 0.9f}, 4);
            Tensor s = oracle.score(x, t);
            for (int i = 0; i < 4; i++) {
                double a = VP.a(t.get(i)), b = VP.b(t.get(i));
                SimpleMatrix m = new SimpleMatrix(cov).scale(a * a).plus(SimpleMatrix.identity(3).scale(b * b));
                SimpleMatrix v = new SimpleMatrix(3, 1);
                for (int j = 0; j < 3; j++) {
                    v.set(j, 0, x.get(i, j) - a * mean[j]);
                }
                SimpleMatrix want = m.solve(v).scale(-1);
                for (int j = 0; j < 3; j++) {
                    assertEquals(want.get(j, 0), s.get(i, j), 1e-4 * Math.max(1, Math.abs(want.get(j, 0))), "row " + i);
                }
            }
        }
    }

    @Test
    void molrgOracleMatchesTheClosedFormDenoiserAndTheLowRankDae() {
        Dataset ds = Datasets.generate("molrg:D=12,dims=2-3", 10, 4);
        LowRankMixture mix = ds.mixture();
        GaussianMixtureOracle oracle = GaussianMixtureOracle.of(mix, VP);
        MolrgDenoiser dae = new MolrgDenoiser(12, new int[] {2, 3}, VP, 0);
        for (int k = 0; k < 2; k++) {
            double[] u = mix.components().get(k).basis();
            float[] f = new float[u.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) u[i];
            }
            dae.bases().get(k).copyFrom(Tensor.of(f, 12, mix.components().get(k).rank()));
        }
        try (Arena arena = Arena.open()) {
            Tensor x = Tensor.randn(5, 0, 6, 12).mul(1.5f);
            for (double time : new double[] {0.05, 0.3, 0.7}) {
                Tensor t = DiffusionModel.times(6, time);
                Tensor x0 = oracle.x0Hat(x, t);
                Tensor daeOut = dae.forward(x, t);
                double s = VP.a(time), g = VP.b(time), phi = s * s / (2 * g * g * (s * s + g * g));
                for (int i = 0; i < 6; i++) {
                    double[] logits = new double[2];
                    double[][] proj = new double[2][12];
                    for (int k = 0; k < 2; k++) {
                        LowRankMixture.Component c = mix.components().get(k);
                        double n2 = 0;
                        for (int r = 0; r < c.rank(); r++) {
                            double p = 0;
                            for (int j = 0; j < 12; j++) {
                                p += c.basis(j, r) * x.get(i, j);
                            }
                            n2 += p * p;
                            for (int j = 0; j < 12; j++) {
                                proj[k][j] += c.basis(j, r) * p;
                            }
                        }
                        logits[k] = Math.log(c.weight()) - 0.5 * c.rank() * Math.log((s * s + g * g) / (g * g)) + phi * n2;
                    }
                    double mx = Math.max(logits[0], logits[1]);
                    double w0 = Math.exp(logits[0] - mx), w1 = Math.exp(logits[1] - mx);
                    for (int j = 0; j < 12; j++) {
                        double want = s / (s * s + g * g) * (w0 * proj[0][j] + w1 * proj[1][j]) / (w0 + w1);
                        assertEquals(want, x0.get(i, j), 2e-4 * Math.max(1, Math.abs(want)), "oracle t=" + time);
                        if (mix.components().get(0).weight() == 0.5) {
                            assertEquals(want, daeOut.get(i, j), 2e-4 * Math.max(1, Math.abs(want)), "DAE t=" + time);
                        }
                    }
                }
            }
        }
    }

    @Test
    void diracMixtureIsTheEmpiricalPosteriorMean() {
        float[] pts = Tensor.randn(8, 0, 7, 2).toArray();
        NoiseProcess rf = new RectifiedFlow();
        DiracMixtureOracle oracle = new DiracMixtureOracle(rf, pts, 7, 2);
        try (Arena arena = Arena.open()) {
            Tensor x = Tensor.randn(8, 1, 3, 2);
            Tensor t = Tensor.of(new float[] {0.1f, 0.5f, 0.9f}, 3);
            Tensor eps = oracle.epsHat(x, t);
            for (int i = 0; i < 3; i++) {
                double a = rf.a(t.get(i)), b = rf.b(t.get(i));
                double[] logw = new double[7];
                double mx = Double.NEGATIVE_INFINITY;
                for (int q = 0; q < 7; q++) {
                    double d2 = 0;
                    for (int j = 0; j < 2; j++) {
                        d2 += Math.pow(x.get(i, j) - a * pts[q * 2 + j], 2);
                    }
                    logw[q] = -d2 / (2 * b * b);
                    mx = Math.max(mx, logw[q]);
                }
                double z = 0;
                double[] m = new double[2];
                for (int q = 0; q < 7; q++) {
                    double w = Math.exp(logw[q] - mx);
                    z += w;
                    m[0] += w * pts[q * 2];
                    m[1] += w * pts[q * 2 + 1];
                }
                for (int j = 0; j < 2; j++) {
                    double want = (x.get(i, j) - a * m[j] / z) / b;
                    assertEquals(want, eps.get(i, j), 1e-4 * Math.max(1, Math.abs(want)));
                }
            }
        }
    }

    /**
     * FLIPD of math.md 7.1 through forward-mode tangents of the oracle (eps units:
     * D - b tr(d eps_hat / dy) + ||eps_hat||^2 at y = a x): Lambda = diag(1, 0), x = (0.5, 0).
     */
    @Test
    void exactJacobianTraceReproducesTheFlipdReferenceValues() {
        GaussianMixtureOracle oracle = GaussianMixtureOracle.gaussian(VP, new double[] {0, 0}, new double[][] {{1, 0}, {0, 0}});
        double[][] want = {{0.01, 0.998504}, {0.05, 0.977709}, {0.1, 0.919522}, {0.3, 0.456147}};
        for (double[] w : want) {
            double t = w[0], a = VP.a(t), b = VP.b(t);
            try (Arena arena = Arena.open()) {
                Tensor y = Tensor.of(new float[] {(float) (0.5 * a), 0f}, 1, 2);
                Divergence.Result r = Divergence.evaluate(v -> oracle.epsHat(v, DiffusionModel.times(1, t)), y,
                        Divergence.basis(1, 2), true);
                float[] e = r.value().toArray();
                double flipd = 2 - b * r.divergence()[0] + e[0] * e[0] + e[1] * e[1];
                assertEquals(w[1], flipd, 2e-4, "t = " + t);
            }
        }
    }

    @Test
    void hutchinsonAgreesWithTheExactTraceOnAverage() {
        Dataset ds = Datasets.generate("molrg:D=16,dims=3-5", 10, 1);
        GaussianMixtureOracle oracle = GaussianMixtureOracle.of(ds.mixture(), VP);
        try (Arena arena = Arena.open()) {
            Tensor x = Tensor.randn(2, 0, 3, 16);
            Divergence.Field f = v -> oracle.score(v, DiffusionModel.times(3, 0.2));
            double[] exact = Divergence.evaluate(f, x, Divergence.basis(3, 16), true).divergence();
            double[] est = Divergence.evaluate(f, x, Divergence.rademacher(4000, 16, lid.models.PointDraws.of(7, lid.kernels.RandomKeys.Purpose.ESTIMATOR_PROBES,
                    lid.models.PointDraws.Mode.POINT, new int[] {0, 1, 2})), false).divergence();
            for (int i = 0; i < 3; i++) {
                assertTrue(Math.abs(exact[i] - est[i]) < 0.03 * Math.abs(exact[i]), exact[i] + " vs " + est[i]);
            }
            assertEquals(List.of(3, 16), List.of(x.dim(0), x.dim(1)));
        }
    }
}
