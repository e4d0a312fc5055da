package lid.estimators.diffusion;

import java.util.List;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.BaseEstimator;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.models.DiffusionModel;

/**
 * ISM-LID (Yeats et al. 2025, the implicit-score-matching identity): D - b tr(d eps_hat/dy) +
 * ||eps_hat||^2 / 2 at y = a(t) x; FLIPD's artifact with half the norm term.
 */
public final class IsmLid extends BaseEstimator {
    public IsmLid() {
        super("ism",
                "ISM-LID: D - b tr(J eps_hat) + ||eps_hat||^2 / 2 at a x (exact trace or Hutchinson)", true,
                List.of(
                        ParamInfo.real("t", "0.01", "time in the model's noise process").range(1e-6, 1.0),
                        ParamInfo.integer("probes", "0", "Hutchinson probes (0 = exact trace)").range(0.0, null),
                        ParamInfo.choice("probe", "rademacher", "Hutchinson probe distribution", "rademacher", "gaussian"),
                        Flipd.draws("Hutchinson probes"),
                        ParamInfo.integer("batch", "64", "points per pass").range(1.0, null),
                        ParamInfo.integer("chunk", "128", "tangent directions per forward-mode pass").range(1.0, null)));
    }

    @Override
    public EstimatorResult estimate(EstimationInput in, Params o) {
        DiffusionModel model = ModelHandle.require(in, name());
        TraceArtifact art = Flipd.artifact(in, model, o.real("t"), o);
        int n = in.queryCount();
        double[] lid = new double[n];
        double[] se = new double[n];
        for (int q = 0; q < n; q++) {
            lid[q] = art.ism(q, in.dim());
            se[q] = art.se(q);
        }
        return new EstimatorResult(o.spec(), lid, Flipd.mean(lid),
                o.integer("probes") > 0 ? java.util.Map.of(EstimatorResult.SE, se) : java.util.Map.of());
    }
}
