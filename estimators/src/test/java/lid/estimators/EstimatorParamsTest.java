package lid.estimators;

import lid.datasets.spec.Params;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.ParamType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EstimatorParamsTest {
    private static final List<ParamInfo> SPECS = List.of(
            ParamInfo.integer("k", "20", "neighbours").range(2.0, null),
            ParamInfo.real("alpha", "0.9", "share").range(0.0, 1.0).skdim("0.05"),
            ParamInfo.flag("pw", "true", "pointwise"),
            ParamInfo.choice("ver", "FO", "rule", "FO", "maxgap", "Kaiser"),
            ParamInfo.text("t0", "0.05", "time or knee"),
            new ParamInfo("D", ParamType.INT, null, "10", List.of(), 1.0, null, "max dimension; default ambient"),
            ParamInfo.flag("skdim", "false", "compat"));

    @Test
    void defaultsExplicitValuesAndSkdimDefaults() {
        Params o = Params.parse("estimator", "LPCA : k=50 : ver=kaiser:pw=0", SPECS);
        assertEquals("lpca", o.name());
        assertEquals("LPCA : k=50 : ver=kaiser:pw=0", o.spec());
        assertEquals(50, o.integer("k"));
        assertEquals("Kaiser", o.choice("ver"), "choices match case-insensitively and come back canonical");
        assertFalse(o.flag("pw"));
        assertEquals(0.9, o.real("alpha"));
        assertEquals("0.05", o.text("t0"));
        assertEquals(7, o.integerOr("D", 7), "no default: the data's value");
        assertTrue(o.isSet("k"));
        assertFalse(o.isSet("alpha"));

        Params s = Params.parse("estimator", "lpca:skdim=true", SPECS);
        assertTrue(s.skdim());
        assertEquals(0.05, s.real("alpha"), "skdim default");
        assertEquals(10, s.integerOr("D", 7), "skdim default");
        assertEquals(0.3, Params.parse("estimator", "lpca:skdim=true:alpha=0.3", SPECS).real("alpha"), "explicit beats skdim default");
        assertEquals("knee", Params.parse("estimator", "x:t0=knee", SPECS).text("t0"));
    }

    @Test
    void errorsNameTheProblemAndTheValidChoices() {
        String unknown = assertThrows(IllegalArgumentException.class, () -> Params.parse("estimator", "lpca:kk=3", SPECS)).getMessage();
        assertTrue(unknown.contains("no option 'kk'") && unknown.contains("k=20") && unknown.contains("ver=FO")
                && unknown.contains("alpha=0.9 (>= 0, <= 1) [skdim: 0.05]") && unknown.contains("D=<ambient> (>= 1) [skdim: 10]"),
                unknown);
        String notInt = assertThrows(IllegalArgumentException.class, () -> Params.parse("estimator", "lpca:k=2.5", SPECS)).getMessage();
        assertTrue(notInt.contains("k=2.5") && notInt.contains("whole number"), notInt);
        String range = assertThrows(IllegalArgumentException.class, () -> Params.parse("estimator", "lpca:k=1", SPECS)).getMessage();
        assertTrue(range.contains(">= 2"), range);
        String high = assertThrows(IllegalArgumentException.class, () -> Params.parse("estimator", "lpca:alpha=1.5", SPECS)).getMessage();
        assertTrue(high.contains("<= 1"), high);
        String choice = assertThrows(IllegalArgumentException.class, () -> Params.parse("estimator", "lpca:ver=foo", SPECS)).getMessage();
        assertTrue(choice.contains("FO, maxgap, Kaiser"), choice);
        String bool = assertThrows(IllegalArgumentException.class, () -> Params.parse("estimator", "lpca:pw=maybe", SPECS)).getMessage();
        assertTrue(bool.contains("true or false"), bool);
        String twice = assertThrows(IllegalArgumentException.class, () -> Params.parse("estimator", "lpca:k=3:k=4", SPECS)).getMessage();
        assertTrue(twice.contains("given twice"), twice);
        String form = assertThrows(IllegalArgumentException.class, () -> Params.parse("estimator", "lpca:k", SPECS)).getMessage();
        assertTrue(form.contains("key=value"), form);
        assertThrows(IllegalArgumentException.class, () -> Params.parse("estimator", "lpca:alpha=nan", SPECS));
        assertThrows(IllegalArgumentException.class, () -> Params.parse("estimator", " ", SPECS));
    }
}
