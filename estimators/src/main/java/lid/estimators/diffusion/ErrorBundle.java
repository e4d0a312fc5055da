package lid.estimators.diffusion;

import java.util.List;
import java.util.Map;
import lid.estimators.BaseEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.StagedEstimator;
import lid.models.DiffusionModel;
import lid.models.PointDraws;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Error bundle (Yeats et al. 2025): the error vectors e_i = eps_hat(a x + b eps_i) - eps_i of m
 * draws; at the optimum e_i ~ -P_T eps_i, so the m x m Gram E E^T / m has about d eigenvalues
 * near 1 and the rest near 0. LID = #{eigenvalues > tau}; its trace is the DSM loss (extra
 * column "trace"). Needs m >= d. Draws per point or shared, as DSM-LID. Artifact: the eigenvalues
 * of each point and of its delete-a-group jackknife replicates (g = min(8, m) groups of draws,
 * each left out once), so tau sweeps are free; "se" is the jackknife standard error of the count,
 * sqrt((g-1)/g sum_j (count_(j) - mean)^2).
 */
public final class ErrorBundle extends BaseEstimator implements StagedEstimator<ErrorBundle.Spectra> {
    public ErrorBundle() {
        super("eb",
                "error bundle: eigen-count of the Gram of m error vectors (m >= d), trace = DSM loss", true,
                List.of(
                        ParamInfo.real("t", "0.01", "time in the model's noise process").range(1e-6, 1.0),
                        ParamInfo.integer("m", "64", "noise draws per point (must be >= the LID)").range(1.0, null),
                        ParamInfo.real("tau", "0.25", "eigenvalue threshold of E E^T / m (tangent eigenvalues are near 1, spread by about sqrt(d/m))").range(0.0, null),
                        ParamInfo.flag("ortho", "false", "orthogonalised draws (m <= D)"),
                        Flipd.draws("noise draws"),
                        ParamInfo.integer("batch", "128", "points per forward pass").range(1.0, null)));
    }

    record Key(String name, double t, int m, boolean ortho, PointDraws.Mode draws) {}

    /** Per point: the spectrum of all m draws, then one per jackknife replicate (group j left out). */
    record Spectra(double[][] full, double[][][] jackknife) {}

    /** Jackknife groups of draws. */
    static final int GROUPS = 8;

    @Override
    public Object artifactKey(Params o) {
        return new Key(name(), o.real("t"), o.integer("m"), o.flag("ortho"), Flipd.drawsMode(o));
    }

    @Override
    public Spectra computeArtifact(EstimationInput in, Params o) {
        DiffusionModel model = ModelHandle.require(in, name());
        int m = o.integer("m"), d = in.dim(), n = in.queryCount();
        int g = Math.min(GROUPS, m);
        ErrorVectors.checkMemory(n, m, d, o.integer("batch"), 8.0 * n * m * (g + 1) + 8.0 * m * m, "eb:m=" + m);
        double[][] eig = new double[n][];
        double[][][] jack = new double[n][][];
        ErrorVectors.forEachBatch(in, model, o.real("t"), m, o.flag("ortho"), Flipd.drawsMode(o), o.integer("batch"),
                (from, rows, e) -> {
                    for (int r = 0; r < rows; r++) {
                        eig[from + r] = gramEigenvalues(e[r], m, d);
                        jack[from + r] = new double[g > 1 ? g : 0][];
                        for (int j = 0; g > 1 && j < g; j++) {
                            jack[from + r][j] = gramEigenvalues(leaveOut(e[r], m, g, j), m - groupSize(m, g, j), d);
                        }
                    }
                });
        return new Spectra(eig, jack);
    }

    /** Draws in group j of g (contiguous, sizes differing by at most one). */
    private static int groupStart(int m, int g, int j) {
        return (int) ((long) m * j / g);
    }

    private static int groupSize(int m, int g, int j) {
        return groupStart(m, g, j + 1) - groupStart(m, g, j);
    }

    private static double[][] leaveOut(double[][] e, int m, int g, int j) {
        int lo = groupStart(m, g, j), hi = groupStart(m, g, j + 1);
        double[][] out = new double[m - (hi - lo)][];
        int k = 0;
        for (int i = 0; i < m; i++) {
            if (i < lo || i >= hi) {
                out[k++] = e[i];
            }
        }
        return out;
    }

    /** Eigenvalues of E E^T / m (symmetric m x m), descending. */
    static double[] gramEigenvalues(double[][] e, int m, int d) {
        DMatrixRMaj g = new DMatrixRMaj(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += e[i][c] * e[j][c];
                }
                g.set(i, j, s / m);
                g.set(j, i, s / m);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.eig(m, false, true);
        if (!dec.decompose(g)) {
            throw new IllegalStateException("eigen-decomposition of the error Gram matrix failed");
        }
        double[] ev = new double[m];
        for (int i = 0; i < m; i++) {
            ev[i] = dec.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(ev);
        for (int i = 0; i < m / 2; i++) {
            double tmp = ev[i];
            ev[i] = ev[m - 1 - i];
            ev[m - 1 - i] = tmp;
        }
        return ev;
    }

    @Override
    public EstimatorResult finish(EstimationInput in, Spectra s, Params o) {
        double tau = o.real("tau");
        int n = s.full().length;
        double[] lid = new double[n], trace = new double[n], se = new double[n];
        double total = 0;
        for (int q = 0; q < n; q++) {
            int count = count(s.full()[q], tau);
            for (double v : s.full()[q]) {
                trace[q] += v;
            }
            lid[q] = count;
            total += count;
            double[][] jack = s.jackknife()[q];
            int g = jack.length;
            if (g < 2) {
                se[q] = Double.NaN;
                continue;
            }
            double[] c = new double[g];
            double mean = 0;
            for (int j = 0; j < g; j++) {
                c[j] = count(jack[j], tau);
                mean += c[j] / g;
            }
            double ss = 0;
            for (double v : c) {
                ss += (v - mean) * (v - mean);
            }
            se[q] = Math.sqrt((g - 1.0) / g * ss);
        }
        return new EstimatorResult(o.spec(), lid, total / n, Map.of("trace", trace, EstimatorResult.SE, se));
    }

    private static int count(double[] eig, double tau) {
        int c = 0;
        for (double v : eig) {
            c += v > tau ? 1 : 0;
        }
        return c;
    }
}
