package lid.estimators.classical;

import java.util.List;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.BaseEstimator;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.knn.KnnGraph;

/**
 * Method of moments (Amsaleg et al. 2018; skdim {@code MOM}): with m1 the mean of the k
 * neighbour distances and w = R_k, ID(x) = m1 / (w - m1).
 */
public final class Mom extends BaseEstimator {
    public Mom() {
        super("mom",
                "method of moments on kNN distances (Amsaleg et al.; skdim MOM)",
                List.of(Local.k("100", "neighbours per point"), Local.comb("mean"), Local.skdimFlag()));
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
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += g.distance(q, j);
            }
            double m1 = s / k;
            double w = g.distance(q, k - 1);
            return -m1 / (m1 - w);
        });
        return new EstimatorResult(o.spec(), pw, Local.combine(pw, o.choice("comb")));
    }
}
