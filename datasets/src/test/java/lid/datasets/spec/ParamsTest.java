package lid.datasets.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    private static final List<ParamInfo> DECLARED = List.of(
            ParamInfo.of("d", "2", "dimension"),
            ParamInfo.of("dims", "2-4-8", "dims"),
            ParamInfo.of("eig", "1-1e-4-0.5", "eigenvalues"),
            ParamInfo.of("latent", "uniform", "latent"),
            ParamInfo.of("flag", "false", "flag"),
            ParamInfo.of("K", null, "no default"));

    @Test
    void defaultsAndGivenValues() {
        Params p = new Params("gen", DECLARED, Map.of("d", "5", "flag", "yes"));
        assertEquals(5, p.integer("d"));
        assertTrue(p.bool("flag"));
        assertArrayEquals(new int[] {2, 4, 8}, p.intList("dims", 1));
        assertArrayEquals(new double[] {1, 1e-4, 0.5}, p.realList("eig"));
        assertEquals("uniform", p.choice("latent", "uniform", "gaussian"));
        assertFalse(p.has("K"));
        assertEquals(7, p.integerOr("K", 7));
        assertTrue(p.isGiven("d"));
        assertFalse(p.isGiven("dims"));
    }

    @Test
    void unknownKeyListsTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Params("gen", DECLARED, Map.of("x", "1")));
        assertTrue(e.getMessage().startsWith("dataset generator 'gen' has no option 'x'; valid: d=2, dims=2-4-8, eig="),
                e.getMessage());
    }

    @Test
    void caseMistakeGetsAHint() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Params("gen", DECLARED, Map.of("k", "1")));
        assertTrue(e.getMessage().contains("did you mean K?"), e.getMessage());
    }

    @Test
    void badValuesNameKeyValueAndExpectation() {
        Params p = new Params("gen", DECLARED, Map.of("d", "two", "latent", "cauchy", "dims", "2-x", "flag", "maybe"));
        assertEquals("dataset generator 'gen', option d=two: must be an integer",
                assertThrows(IllegalArgumentException.class, () -> p.integer("d")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.choice("latent", "uniform", "gaussian"))
                .getMessage().contains("latent=cauchy: must be one of uniform, gaussian"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.intList("dims", 1)).getMessage().contains("2-x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.bool("flag")).getMessage().contains("true or false"));
        Params q = new Params("gen", DECLARED, Map.of("d", "0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> q.integer("d", 1)).getMessage().contains(">= 1"));
    }
}
