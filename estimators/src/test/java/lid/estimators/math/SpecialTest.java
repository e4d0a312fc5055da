package lid.estimators.math;

import static lid.estimators.Fixtures.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reference values from SciPy 1.17 (scipy.special digamma, i0, i1, lambertw, gammaln). */
class SpecialTest {

    @Test
    void digamma() {
        double[] x = {1, 0.5, 1.7, 10, 123.456};
        double[] ref = {-0.5772156649015329, -1.9635100260214235, 0.20854787487349394, 2.251752589066721,
            4.811829323828985};
        for (int i = 0; i < x.length; i++) {
            assertRel(ref[i], Special.digamma(x[i]), 1e-14, "digamma(" + x[i] + ")");
        }
    }

    @Test
    void besselI0I1BothSidesOfTheSeriesSwitchAndOverflow() {
        double[] x = {0.1, 1, 5, 29.9, 30.1, 50, 700};
        double[] i0 = {1.0025015629340956, 1.2660658777520082, 27.239871823604442, 708478330489.0146,
            862432920031.7792, 2.9325537838493355e+20, 1.5295933476718735e+302};
        double[] i1 = {0.050062526047092694, 0.5651591039924851, 24.335642142450524, 696528308361.0928,
            847983630191.5414, 2.9030785901035566e+20, 1.5285003902339006e+302};
        for (int i = 0; i < x.length; i++) {
            assertRel(i0[i], Special.besselI0(x[i]), 1e-13, "I0(" + x[i] + ")");
            assertRel(i1[i], Special.besselI1(x[i]), 1e-13, "I1(" + x[i] + ")");
        }
        assertEquals(1.0, Special.besselI0(0), 0);
        assertEquals(0.0, Special.besselI1(0), 0);
        // scipy overflows to inf here; DANCo caps at Double.MAX_VALUE like skdim
        assertEquals(Double.POSITIVE_INFINITY, Special.besselI0(713));
        assertEquals(Double.POSITIVE_INFINITY, Special.besselI1(720));
    }

    @Test
    void lambertW() {
        double[] x = {1e-8, 0.1, 1, Math.E, 10, 1e6, 1e300, -0.3};
        double[] ref = {9.999999900000002e-09, 0.09127652716086226, 0.5671432904097838, 1.0, 1.7455280027406994,
            11.383358086140053, 684.2472086297608, -0.4894022271802149};
        for (int i = 0; i < x.length; i++) {
            assertRel(ref[i], Special.lambertW0(x[i]), 1e-14, "W0(" + x[i] + ")");
        }
        assertTrue(Double.isNaN(Special.lambertW0(-1)));
    }

    @Test
    void lnGamma() {
        assertRel(0.5723649429247, Special.lnGamma(0.5), 1e-12, "lnGamma(0.5)");
        assertRel(1.428072326665388, Special.lnGamma(3.7), 1e-13, "lnGamma(3.7)");
        assertRel(146.51925549072064, Special.lnGamma(50.5), 1e-14, "lnGamma(50.5)");
    }

    @Test
    void brentFindsRootsToMachinePrecision() {
        assertRel(Math.sqrt(2), Brent.root(x -> x * x - 2, 0, 2, 1e-15), 1e-15, "sqrt 2");
        assertRel(0.5671432904097838, Brent.root(x -> x * Math.exp(x) - 1, -1, 3, 1e-15), 1e-15, "omega");
        assertEquals(2.0, Brent.root(x -> x - 2, 2, 5, 1e-15), 0);
    }
}
