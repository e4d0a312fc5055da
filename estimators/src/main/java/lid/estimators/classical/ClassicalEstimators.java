package lid.estimators.classical;

import java.util.List;
import lid.estimators.LidEstimator;

/** The model-free estimators, in the order of the command-line contract. */
public final class ClassicalEstimators {
    private ClassicalEstimators() {}

    public static List<LidEstimator> all() {
        return List.of(new Mle(), new TwoNn(), new Lpca(), new Ess(), new Mada(), new Tle(), new Mom(),
                new CorrInt(), new MindMl(), new FisherS(), new Danco());
    }
}
