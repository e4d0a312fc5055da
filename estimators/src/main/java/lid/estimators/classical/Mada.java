package lid.estimators.classical;

import java.util.List;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.BaseEstimator;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.knn.KnnGraph;

/**
 * Manifold-adaptive dimension estimation (Farahmand et al. 2007; skdim {@code MADA}):
 * ID(x) = ln 2 / ln(R_k / R_floor(k/2)). Zero distances (duplicates of x) are skipped, as skdim
 * does by overwriting them with the largest distance.
 */
public final class Mada extends BaseEstimator {
    public Mada() {
        super("mada",
                "manifold-adaptive dimension: ln 2 / ln(R_k / R_k/2) (Farahmand et al.; skdim MADA)",
                List.of(Local.k("20", "neighbours per point").range(2.0, null), Local.comb("mean"), Local.skdimFlag()));
    }

    @Override
    public int neighbours(Params o) {
        return o.integer("k");
    }

    @Override
    public EstimatorResult estimate(EstimationInput in, Params o) {
        int k = o.integer("k");
        KnnGraph g = in.knn(k);
        double[] pw = Local.perQuery(in, q -> {
            double[] r = Local.nonzeroDistances(in, g, q, k);
            if (r == null) {
                return Double.NaN;
            }
            return Math.log(2) / Math.log(r[k - 1] / r[k / 2 - 1]);
        });
        return new EstimatorResult(o.spec(), pw, Local.combine(pw, o.choice("comb")));
    }
}
