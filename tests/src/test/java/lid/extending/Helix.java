package lid.extending;

import java.util.List;
import lid.datasets.generators.GeneratorInfo;
import lid.datasets.generators.Points;
import lid.datasets.generators.Rng;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;

/**
 * Worked example of docs/extending.md (a dataset generator): a circular helix in R^3,
 * (cos theta, sin theta, pitch theta / 2 pi) for theta = 2 pi turns u, u ~ U[0, 1): LID 1. The
 * curve is fixed by its parameters, so only the sample is random (a {@code SampleOnly}
 * generator); the common options (D, noise, standardize, instance, ...) come for free.
 */
public final class Helix {
    private Helix() {}

    public static final GeneratorInfo INFO = new GeneratorInfo("helix",
            "circular helix (cos theta, sin theta, pitch theta / 2 pi), theta uniform over the given turns, in R^3",
            "1",
            List.of(ParamInfo.real("turns", "2", "number of turns").range(1e-3, null),
                    ParamInfo.real("pitch", "0.5", "rise per turn").range(0.0, null)),
            Helix::sample);

    static Points sample(Params p, int n, Rng sample) {
        double turns = p.real("turns");
        double pitch = p.real("pitch");
        float[] u = sample.uniform(n); // point i reads u[i] whatever n is
        float[] x = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double theta = 2 * Math.PI * turns * u[i];
            x[3 * i] = (float) Math.cos(theta);
            x[3 * i + 1] = (float) Math.sin(theta);
            x[3 * i + 2] = (float) (pitch * theta / (2 * Math.PI));
        }
        return Points.single(3, x, 1);
    }
}
