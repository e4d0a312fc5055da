package lid.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lid.models.noise.EdmProcess;
import lid.models.noise.NoiseProcess;
import lid.models.noise.NoiseProcesses;
import lid.models.noise.RectifiedFlow;
import lid.models.noise.VeSde;
import lid.models.noise.VpSde;
import org.junit.jupiter.api.Test;

class NoiseProcessTest {
    private static final List<NoiseProcess> ALL = List.of(VpSde.standard(), new VeSde(0.01, 4), new RectifiedFlow(),
            EdmProcess.standard());

    @Test
    void vpMatchesTheReferenceTable() {
        VpSde vp = VpSde.standard();
        double[][] table = {{0.01, 0.999003, 0.044643, -3.1081}, {0.1, 0.946722, 0.322053, -1.0783},
            {0.5, 0.281183, 0.959654, 1.2276}, {1.0, 0.006572, 0.999978, 5.0250}};
        for (double[] r : table) {
            assertEquals(r[1], vp.a(r[0]), 1e-6);
            assertEquals(r[2], vp.b(r[0]), 1e-6);
            assertEquals(r[3], vp.delta(r[0]), 1e-4);
        }
    }

    @Test
    void derivativesDriftAndDiffusionAgreeWithFiniteDifferences() {
        for (NoiseProcess p : ALL) {
            for (double t : new double[] {0.05, 0.3, 0.7}) {
                double h = 1e-6;
                double da = (p.a(t + h) - p.a(t - h)) / (2 * h);
                double db = (p.b(t + h) - p.b(t - h)) / (2 * h);
                assertEquals(da, p.da(t), 1e-6 * Math.max(1, Math.abs(da)), p.name() + " da at " + t);
                assertEquals(db, p.db(t), 1e-6 * Math.max(1, Math.abs(db)), p.name() + " db at " + t);
                // the marginal variance b^2 of the noise obeys d(b^2)/dt = 2 f b^2 + g^2
                double b2dot = (Math.pow(p.b(t + h), 2) - Math.pow(p.b(t - h), 2)) / (2 * h);
                double want = 2 * p.f(t) * p.b(t) * p.b(t) + p.g2(t);
                assertEquals(b2dot, want, 1e-5 * Math.max(1, Math.abs(want)), p.name() + " g^2 at " + t);
                assertEquals(p.da(t) / p.a(t), p.f(t), 1e-12 * Math.max(1, Math.abs(p.f(t))));
            }
        }
    }

    @Test
    void specsRoundTripAndUnknownNamesListTheValidOnes() {
        for (NoiseProcess p : ALL) {
            assertEquals(p, NoiseProcesses.parse(p.spec()), p.spec());
        }
        assertEquals(new VpSde(0.1, 10), NoiseProcesses.parse("vp:bmax=10"));
        var e = assertThrows(IllegalArgumentException.class, () -> NoiseProcesses.parse("vpsde"));
        assertTrue(e.getMessage().contains("valid: vp, ve, rf, edm"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> NoiseProcesses.parse("vp:beta=3"));
        assertTrue(e2.getMessage().equals("noise process 'vp' has no option 'beta'; valid: bmin=0.1, bmax=20"), e2.getMessage());
    }
}
