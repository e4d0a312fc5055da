package lid.datasets.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecParserTest {
    @Test
    void parsesNameAndOrderedParameters() {
        List<Spec> s = SpecParser.parse("sphere:d=16,D=64,embed=rotate");
        assertEquals(1, s.size());
        assertEquals("sphere", s.get(0).name());
        assertEquals(List.of("d", "D", "embed"), List.copyOf(s.get(0).params().keySet()));
        assertEquals("64", s.get(0).params().get("D"));
        assertEquals("sphere:d=16,D=64,embed=rotate", s.get(0).toString());
    }

    @Test
    void bareNameHasNoParameters() {
        assertEquals(Map.of(), SpecParser.parse(" lollipop ").get(0).params());
    }

    @Test
    void dashListsAndExponentsAreValues() {
        Spec s = SpecParser.parse("affine:D=10,dims=2-4-8,noise=1e-3").get(0);
        assertEquals("2-4-8", s.params().get("dims"));
        assertEquals("1e-3", s.params().get("noise"));
    }

    @Test
    void unionSplitsOnPlusBeforeANameButNotInsideANumber() {
        List<Spec> s = SpecParser.parse("sphere:d=2,noise=1e+0+ball:d=3 + swiss_roll");
        assertEquals(3, s.size());
        assertEquals("1e+0", s.get(0).params().get("noise"));
        assertEquals("ball", s.get(1).name());
        assertEquals("swiss_roll", s.get(2).name());
    }

    @Test
    void malformedSpecsSayWhatIsWrong() {
        assertTrue(message("sphere:d").contains("expected key=value, got 'd'"));
        assertTrue(message("sphere:").contains("nothing after ':'"));
        assertTrue(message("").contains("empty dataset SPEC"));
        assertTrue(message("3sphere").contains("not a name"));
        assertTrue(message("sphere:d=2,d=3").contains("given twice"));
        assertTrue(message("sphere:d=").contains("bad value ''"));
        assertTrue(message("sphere:=2").contains("not an option name"));
        assertTrue(message("sphere:d=2,,D=3").contains("expected key=value"));
        assertTrue(message("sphere:d=2+").contains("empty part"));
        assertTrue(message("sphere:d=2:3").contains("expected key=value, got '3'"), "':' separates options as ',' does");
        assertEquals(List.of("d", "D"), List.copyOf(SpecParser.parse("sphere:d=2:D=5").get(0).params().keySet()),
                "the estimator form of options works for datasets too");
    }

    private static String message(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> SpecParser.parse(spec)).getMessage();
    }
}
