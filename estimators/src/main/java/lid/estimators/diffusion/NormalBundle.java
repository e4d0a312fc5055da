package lid.estimators.diffusion;

import java.util.List;
import java.util.Map;
import lid.estimators.BaseEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.StagedEstimator;
import lid.kernels.RandomKeys;
import lid.models.DiffusionModel;
import lid.models.PointDraws;
import lid.models.noise.NoiseProcess;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Normal bundle (Stanczuk et al. 2024; dgm_geometry's re-implementation): scores
 * s = -eps_hat / b at K noisy copies a x + b eps_j (K = 4D by default; draws per point, or the same
 * for every point under draws=shared) span the normal space at small t; singular values s_1 >= ... >= s_D of the K x D score
 * matrix. Gap rule: LID = D - argmax_i (s_i - s_{i+1}) (1-based, i = 1..D-1); threshold rule:
 * LID = #{s_i < exp(-2 tau)}. Artifact: the spectra, so rules and tau are swept for free.
 */
public final class NormalBundle extends BaseEstimator implements StagedEstimator<double[][]> {
    public NormalBundle() {
        super("nb",
                "normal bundle: spectrum of K noisy scores, largest-gap rule (or threshold rule)", true,
                List.of(
                        ParamInfo.real("t", "0.01", "time in the model's noise process").range(1e-6, 1.0),
                        new ParamInfo("K", lid.datasets.spec.ParamType.INT, null, null, List.of(), 1.0, null,
                                "score samples per point; default 4 times the ambient dimension"),
                        ParamInfo.choice("rule", "gap", "gap: D - largest-gap index; threshold: #{s_i < exp(-2 tau)}", "gap", "threshold"),
                        ParamInfo.real("tau", "0", "threshold rule parameter"),
                        Flipd.draws("noise draws"),
                        ParamInfo.integer("batch", "128", "points per forward pass").range(1.0, null)));
    }

    record Key(String name, double t, int k, PointDraws.Mode draws) {}

    @Override
    public Object artifactKey(Params o) {
        return new Key(name(), o.real("t"), o.integerOr("K", -1), Flipd.drawsMode(o));
    }

    @Override
    public double[][] computeArtifact(EstimationInput in, Params o) {
        DiffusionModel model = ModelHandle.require(in, name());
        NoiseProcess p = model.process();
        double t = o.real("t");
        int d = in.dim(), k = o.integerOr("K", 4 * d), batch = o.integer("batch");
        PointDraws draws = PointDraws.of(in.seed(), RandomKeys.Purpose.ESTIMATOR_NOISE, Flipd.drawsMode(o), in.queries());
        double a = p.a(t), b = p.b(t);
        float fb = (float) b;
        long gramRows = Math.min(batch, in.queryCount());
        String what = String.format(java.util.Locale.ROOT, "nb: the %d x %d score Gram matrices of a batch of %d points (batch=)",
                d, d, gramRows);
        lid.kernels.MemoryCheck.arrayLength((long) d * d, what);
        lid.kernels.MemoryCheck.require(8.0 * gramRows * d * d + 8.0 * in.queryCount() * d, what);
        int n = in.queryCount();
        double[][] spectra = new double[n][];
        float[] eps = new float[d];
        for (int from = 0; from < n; from += batch) {
            int rows = Math.min(batch, n - from);
            float[] ax = ModelEval.scaledRows(in, from, rows, a);
            double[][] gram = new double[rows][d * d]; // S^T S accumulated over the K samples, in draw order
            int kc = Math.max(1, Math.min(k, ErrorVectors.PASS_ROWS / rows)); // draws per forward pass
            float[] y = new float[rows * kc * d];
            for (int j0 = 0; j0 < k; j0 += kc) {
                int kk = Math.min(kc, k - j0);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < kk; j++) {
                        draws.normal(from + r, j0 + j, d, eps, 0);
                        int row = (r * kk + j) * d;
                        for (int c = 0; c < d; c++) {
                            y[row + c] = ax[r * d + c] + fb * eps[c];
                        }
                    }
                }
                float[] e = ModelEval.epsHat(model, java.util.Arrays.copyOf(y, rows * kk * d), rows * kk, t);
                for (int r = 0; r < rows; r++) {
                    double[] g = gram[r];
                    for (int j = 0; j < kk; j++) {
                        int row = (r * kk + j) * d;
                        for (int u = 0; u < d; u++) {
                            double su = -e[row + u] / b;
                            for (int v = 0; v <= u; v++) {
                                g[u * d + v] += su * (-e[row + v] / b);
                            }
                        }
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                spectra[from + r] = singularValues(gram[r], d);
            }
        }
        return spectra;
    }

    /** Singular values of S (descending) from the lower triangle of S^T S. */
    static double[] singularValues(double[] lowerGram, int d) {
        DMatrixRMaj g = new DMatrixRMaj(d, d);
        for (int u = 0; u < d; u++) {
            for (int v = 0; v <= u; v++) {
                g.set(u, v, lowerGram[u * d + v]);
                g.set(v, u, lowerGram[u * d + v]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.eig(d, false, true);
        if (!dec.decompose(g)) {
            throw new IllegalStateException("eigen-decomposition of the score Gram matrix failed");
        }
        double[] s = new double[d];
        for (int i = 0; i < d; i++) {
            s[i] = Math.sqrt(Math.max(0, dec.getEigenvalue(i).getReal()));
        }
        java.util.Arrays.sort(s);
        for (int i = 0; i < d / 2; i++) {
            double tmp = s[i];
            s[i] = s[d - 1 - i];
            s[d - 1 - i] = tmp;
        }
        return s;
    }

    @Override
    public EstimatorResult finish(EstimationInput in, double[][] spectra, Params o) {
        int n = spectra.length, d = in.dim();
        boolean gap = o.choice("rule").equals("gap");
        double thr = Math.exp(-2 * o.real("tau"));
        double[] lid = new double[n];
        double total = 0;
        for (int q = 0; q < n; q++) {
            double[] s = spectra[q];
            if (gap) {
                int best = 1;
                double bestGap = Double.NEGATIVE_INFINITY;
                for (int i = 1; i <= d - 1; i++) { // 1-based i: s_i - s_{i+1}
                    double g = s[i - 1] - s[i];
                    if (g > bestGap) {
                        bestGap = g;
                        best = i;
                    }
                }
                lid[q] = d - best;
            } else {
                int count = 0;
                for (double v : s) {
                    count += v < thr ? 1 : 0;
                }
                lid[q] = count;
            }
            total += lid[q];
        }
        return new EstimatorResult(o.spec(), lid, total / n, Map.of());
    }
}
