package lid.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import lid.engine.Arena;
import lid.engine.Tensor;
import lid.engine.nn.Module;
import lid.models.nets.ScoreNet;
import lid.models.noise.EdmProcess;
import lid.models.noise.NoiseProcess;
import lid.models.noise.RectifiedFlow;
import lid.models.noise.VeSde;
import lid.models.noise.VpSde;
import lid.models.params.Conversions;
import lid.models.params.Parameterization;
import lid.models.train.DsmObjective;
import lid.models.train.Weighting;
import org.junit.jupiter.api.Test;

class ParameterizationTest {
    private static final List<NoiseProcess> PROCESSES = List.of(VpSde.standard(), new VeSde(0.01, 4), new RectifiedFlow(),
            EdmProcess.standard());

    @Test
    void theTargetOfEveryParameterisationConvertsBackToTheNoise() {
        for (NoiseProcess p : PROCESSES) {
            for (Parameterization param : Parameterization.values()) {
                for (double t : new double[] {0.02, 0.4, 0.9}) {
                    double a = p.a(t), b = p.b(t), da = p.da(t), db = p.db(t);
                    double x0 = 0.7, eps = -1.3, x = a * x0 + b * eps;
                    Parameterization.Pair tg = param.target(a, b, da, db);
                    double out = tg.first() * x0 + tg.second() * eps;
                    Parameterization.Pair c = param.toEps(a, b, da, db);
                    assertEquals(eps, c.first() * out + c.second() * x, 1e-9 * Math.max(1, Math.abs(c.first() * out)),
                            param + " " + p.name() + " t=" + t);
                }
            }
        }
    }

    @Test
    void tensorConversionsGiveEpsScoreAndTweedie() {
        NoiseProcess p = VpSde.standard();
        try (Arena arena = Arena.open()) {
            Tensor x0 = Tensor.randn(1, 0, 5, 3), eps = Tensor.randn(1, 1, 5, 3);
            Tensor t = Tensor.of(new float[] {0.05f, 0.2f, 0.5f, 0.8f, 0.95f}, 5);
            float[] ts = t.toArray();
            float[] a = new float[5], b = new float[5];
            for (int i = 0; i < 5; i++) {
                a[i] = (float) p.a(ts[i]);
                b[i] = (float) p.b(ts[i]);
            }
            Tensor x = Tensor.of(a, 5, 1).mul(x0).add(Tensor.of(b, 5, 1).mul(eps));
            for (Parameterization param : Parameterization.values()) {
                float[] out = new float[15];
                for (int i = 0; i < 5; i++) {
                    Parameterization.Pair tg = param.target(a[i], b[i], p.da(ts[i]), p.db(ts[i]));
                    for (int j = 0; j < 3; j++) {
                        out[i * 3 + j] = (float) (tg.first() * x0.get(i, j) + tg.second() * eps.get(i, j));
                    }
                }
                Tensor e = Conversions.epsHat(param, p, Tensor.of(out, 5, 3), x, t);
                Tensor s = Conversions.score(p, e, t);
                Tensor x0hat = Conversions.x0Hat(p, x, e, t);
                for (int i = 0; i < 5; i++) {
                    for (int j = 0; j < 3; j++) {
                        assertEquals(eps.get(i, j), e.get(i, j), 2e-4, param + " eps");
                        assertEquals(-eps.get(i, j) / b[i], s.get(i, j), 2e-3 / b[i], param + " score");
                        assertEquals(x0.get(i, j), x0hat.get(i, j), 2e-3 / a[i], param + " x0");
                    }
                }
            }
        }
    }

    /** A fixed "network" out = 0.3 x + t (no parameters). */
    private static final class Affine extends Module implements ScoreNet {
        @Override
        public Tensor forward(Tensor x, Tensor t) {
            return x.mul(0.3f).add(t.reshape(t.dim(0), 1));
        }

        @Override
        public int dim() {
            return 3;
        }
    }

    @Test
    void weightingsAreTheStatedSquaredErrors() {
        NoiseProcess p = new RectifiedFlow();
        Affine net = new Affine();
        try (Arena arena = Arena.open()) {
            Tensor x0 = Tensor.randn(2, 0, 4, 3), eps = Tensor.randn(2, 1, 4, 3);
            Tensor t = Tensor.of(new float[] {0.1f, 0.3f, 0.6f, 0.85f}, 4);
            float[] ts = t.toArray();
            for (Parameterization param : Parameterization.values()) {
                for (Weighting w : Weighting.values()) {
                    double want = 0;
                    for (int i = 0; i < 4; i++) {
                        double a = p.a(ts[i]), b = p.b(ts[i]), da = p.da(ts[i]), db = p.db(ts[i]);
                        Parameterization.Pair tg = param.target(a, b, da, db), c = param.toEps(a, b, da, db);
                        for (int j = 0; j < 3; j++) {
                            double x = a * x0.get(i, j) + b * eps.get(i, j);
                            double out = 0.3 * x + ts[i];
                            double epsHat = c.first() * out + c.second() * x;
                            double x0Hat = (x - b * epsHat) / a;
                            double e = switch (w) {
                                case EPS -> Math.pow(epsHat - eps.get(i, j), 2);
                                case NATIVE -> Math.pow(out - tg.first() * x0.get(i, j) - tg.second() * eps.get(i, j), 2);
                                case X0 -> Math.pow(x0Hat - x0.get(i, j), 2);
                                case SCORE -> Math.pow(-epsHat / b + eps.get(i, j) / b, 2);
                            };
                            want += e / 4;
                        }
                    }
                    double got = new DsmObjective(p, param, w, false).loss(net, x0, t, eps).item();
                    assertEquals(want, got, 1e-4 * Math.max(1, want), param + " " + w);
                    double mean = new DsmObjective(p, param, w, true).loss(net, x0, t, eps).item();
                    assertEquals(want / 3, mean, 1e-4 * Math.max(1, want), param + " " + w + " mean over dims");
                }
            }
        }
    }

    @Test
    void unknownNamesListTheValidOnes() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Parameterization.parse("velocity"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("eps, score, x0, v, flow"), e.getMessage());
        Map.of();
    }
}
