package lid.datasets.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {
    @Test
    void regularizedGammaPMatchesScipy() {
        // scipy.special.gammainc 1.17.1
        assertEquals(0.15085496391539038, SpecialFunctions.regularizedGammaP(2.5, 1.0), 1e-14);
        assertEquals(0.08658647164735603, SpecialFunctions.regularizedGammaP(8, 4.5), 1e-14);
        assertEquals(0.9544997361036415, SpecialFunctions.regularizedGammaP(0.5, 2.0), 1e-14);
        assertEquals(0.7790926924588397, SpecialFunctions.regularizedGammaP(64, 70.0), 1e-13);
        assertEquals(1.6542165280748778e-07, SpecialFunctions.regularizedGammaP(3, 0.01), 1e-20);
    }

    @Test
    void closedForms() {
        for (double x : new double[] {0.1, 1, 3, 30}) {
            assertEquals(1 - Math.exp(-x), SpecialFunctions.regularizedGammaP(1, x), 1e-14);
        }
        assertEquals(0, SpecialFunctions.regularizedGammaP(3, 0));
        assertEquals(Math.log(24), SpecialFunctions.lnGamma(5), 1e-13);
        assertEquals(0.5 * Math.log(Math.PI), SpecialFunctions.lnGamma(0.5), 1e-14);
    }
}
