package lid.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EstimatorRegistryTest {
    private static final List<String> CONTRACT = List.of("dsm", "eb", "ism", "flipd", "nb", "lidl", "fpregress", "cfdm",
            "mle", "twonn", "lpca", "ess", "mada", "tle", "mom", "corrint", "mind", "fishers", "danco");
    private static final List<String> MODEL_FREE = CONTRACT.subList(8, CONTRACT.size());

    @Test
    void everyContractNameIsRegisteredAndModelFreeOnesNeedNoModel() {
        EstimatorRegistry r = EstimatorRegistry.standard();
        assertTrue(r.names().containsAll(CONTRACT), r.names().toString());
        for (String name : MODEL_FREE) {
            LidEstimator e = r.get(name);
            assertFalse(e.needsModel(), name);
            assertTrue(e.options().stream().anyMatch(o -> o.name().equals("skdim")), name + " has the skdim switch");
            assertNotNull(e.parse(name), name + " parses with all defaults");
        }
        for (String name : List.of("dsm", "eb", "ism", "flipd", "nb", "lidl", "fpregress")) {
            assertTrue(r.get(name).needsModel(), name);
        }
        assertEquals(MODEL_FREE, EstimatorRegistry.classical().names());
        String help = r.help();
        for (String name : CONTRACT) {
            assertTrue(help.contains(name + ":") || help.contains(name + " (needs"), name + " in help");
        }
    }

    @Test
    void unknownNamesAndOptionsListTheValidOnes() {
        EstimatorRegistry r = EstimatorRegistry.standard();
        String name = assertThrows(IllegalArgumentException.class, () -> r.parse("mlee:k=3")).getMessage();
        assertTrue(name.contains("unknown estimator 'mlee' (did you mean mle?)") && name.contains("mle, twonn, lpca"), name);
        String opt = assertThrows(IllegalArgumentException.class, () -> r.parse("mle:n_neighbors=3")).getMessage();
        assertTrue(opt.contains("no option 'n_neighbors'") && opt.contains("k=20"), opt);
        List<ConfiguredEstimator> list = r.parseList("mle:k=20, twonn,lpca:ver=FO:alphaFO=0.05");
        assertEquals(List.of("mle:k=20", "twonn", "lpca:ver=FO:alphaFO=0.05"), list.stream().map(ConfiguredEstimator::spec).toList());
        assertEquals(20, list.get(0).neighbours());
        assertThrows(IllegalArgumentException.class, () -> r.parseList(" , "));
    }

    @Test
    void modelBasedEstimatorsSayTheyNeedAModel() {
        EstimationInput in = Fixtures.input(Fixtures.ball30(), 30, 10);
        String msg = assertThrows(IllegalArgumentException.class, () -> EstimatorRegistry.standard().parse("flipd").run(in))
                .getMessage();
        assertTrue(msg.contains("'flipd' needs a diffusion model") && msg.contains("--model"), msg);
    }

    @Test
    void kLargerThanTheDataIsAClearError() {
        EstimationInput in = Fixtures.input(Fixtures.ball30(), 30, 10);
        for (String spec : List.of("mle:k=30", "mom", "ess", "tle:k=40", "mada:k=31", "lpca", "twonn:nbhd=30",
                "corrint:k2=30:pw=false", "mind:k=29:pw=false")) {
            String msg = assertThrows(IllegalArgumentException.class, () -> Fixtures.run(in, spec), spec).getMessage();
            assertTrue(msg.contains("the data has 30") && msg.contains("at most 29"), spec + ": " + msg);
        }
    }
}
