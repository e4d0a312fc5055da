package lid.estimators.classical;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lid.estimators.EstimationInput;
import lid.estimators.Fixtures;
import org.junit.jupiter.api.Test;

class BadInputTest {
    private final EstimationInput ball = Fixtures.input(Fixtures.ball30(), 30, 10);

    private void fails(String spec, String... fragments) {
        String msg = assertThrows(IllegalArgumentException.class, () -> Fixtures.run(ball, spec), spec).getMessage();
        for (String f : fragments) {
            assertTrue(msg.contains(f), spec + ": '" + msg + "' lacks '" + f + "'");
        }
    }

    @Test
    void inconsistentOptionsSayWhatIsWrong() {
        fails("ess:fit_once=true:ver=b:d=2", "ver=b supports only d=1");
        fails("corrint:k1=20:k2=10:pw=false", "needs k1 < k2");
        fails("mle:k1=12:k2=8", "2 <= k1 <= k2");
        fails("mle:k1=5:k2=10:sigma=0.1", "do not combine");
        fails("mind:nbhd=15", "cannot give k+1=21 neighbours", "raise nbhd");
        fails("corrint:nbhd=12", "cannot give k2=20", "raise nbhd");
        fails("danco:pw=true:nbhd=9", "raise nbhd");
        fails("lpca:ver=pca", "must be one of FO, Fan, maxgap");
        fails("tle:epsilon=-1", ">= 0");
        fails("mada:k=1", ">= 2");
    }
}
