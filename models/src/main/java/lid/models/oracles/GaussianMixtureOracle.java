package lid.models.oracles;

import java.util.ArrayList;
import java.util.List;
import lid.datasets.LowRankMixture;
import lid.engine.Arena;
import lid.engine.Norms;
import lid.engine.Reduce;
import lid.engine.ShapeOps;
import lid.engine.Tensor;
import lid.models.DiffusionModel;
import lid.models.noise.NoiseProcess;
import lid.models.params.Conversions;
import lid.models.params.RowScalars;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The exact score of a mixture of Gaussians diffused by a noise process: with
 * x0 ~ sum_k pi_k N(mu_k, C_k), x_t ~ sum_k pi_k N(a mu_k, a^2 C_k + b^2 I), so
 * <pre>
 *   score(x) = sum_k w_k(x) (-(a^2 C_k + b^2 I)^-1 (x - a mu_k)),   w = softmax_k(log pi_k + log N_k(x))
 * </pre>
 * Each covariance is stored as C = Q diag(lambda) Q^T + floor (I - Q Q^T), Q [D, m] orthonormal:
 * low-rank components (MoLRG, gaussian) keep m = rank and cost O(D m) per point, any other
 * covariance is eigendecomposed (m = D). The score is a chain of tensor ops, so forward-mode
 * tangents of x give exact Jacobians (estimators' traces). Gaussian with any covariance:
 * {@link #gaussian}; mixture of low-rank Gaussians: {@link #of(LowRankMixture, NoiseProcess)}.
 */
public final class GaussianMixtureOracle implements DiffusionModel {
    /** One component: weight, mean [D], basis Q [D, m] row-major, eigenvalues [m], variance off the basis. */
    public record Component(double weight, double[] mean, double[] basis, double[] lambda, double floor) {
        int rank() {
            return lambda.length;
        }
    }

    private final NoiseProcess process;
    private final int dim;
    private final List<Component> components;
    private final List<Tensor> q = new ArrayList<>();
    private final List<Tensor> qt = new ArrayList<>();

    public GaussianMixtureOracle(NoiseProcess process, int dim, List<Component> components) {
        if (components.isEmpty()) {
            throw new IllegalArgumentException("a Gaussian mixture oracle needs at least one component");
        }
        this.process = process;
        this.dim = dim;
        this.components = List.copyOf(components);
        Arena.unscoped(() -> {
            for (Component c : this.components) {
                if (c.mean().length != dim || c.basis().length != dim * c.rank()) {
                    throw new IllegalArgumentException("oracle component does not match dimension " + dim);
                }
                float[] f = new float[c.basis().length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) c.basis()[i];
                }
                Tensor qk = Tensor.of(f, dim, c.rank());
                q.add(qk);
                qt.add(c.rank() == 0 ? qk : qk.transpose());
            }
            return null;
        });
    }

    /** N(mean, cov) for any symmetric positive semi-definite covariance [D][D]. */
    public static GaussianMixtureOracle gaussian(NoiseProcess process, double[] mean, double[][] cov) {
        return new GaussianMixtureOracle(process, mean.length, List.of(eigenComponent(1, mean, cov)));
    }

    /** The exact mixture of a dataset (gaussian, molrg, ...: {@code Dataset.mixture()}). */
    public static GaussianMixtureOracle of(LowRankMixture mixture, NoiseProcess process) {
        int dim = mixture.dim();
        List<Component> out = new ArrayList<>();
        for (LowRankMixture.Component c : mixture.components()) {
            double[] noise = c.noiseStd();
            boolean isotropic = true;
            for (double v : noise) {
                isotropic &= v == noise[0];
            }
            if (isotropic) {
                double floor = noise[0] * noise[0];
                double[] lambda = new double[c.rank()];
                for (int j = 0; j < lambda.length; j++) {
                    lambda[j] = c.scales()[j] * c.scales()[j] + floor;
                }
                out.add(new Component(c.weight(), c.mean().clone(), c.basis().clone(), lambda, floor));
            } else {
                double[][] cov = new double[dim][dim];
                for (int i = 0; i < dim; i++) {
                    for (int j = 0; j < dim; j++) {
                        double s = 0;
                        for (int r = 0; r < c.rank(); r++) {
                            s += c.basis(i, r) * c.scales()[r] * c.scales()[r] * c.basis(j, r);
                        }
                        cov[i][j] = s + (i == j ? noise[i] * noise[i] : 0);
                    }
                }
                out.add(eigenComponent(c.weight(), c.mean(), cov));
            }
        }
        return new GaussianMixtureOracle(process, dim, out);
    }

    private static Component eigenComponent(double weight, double[] mean, double[][] cov) {
        int n = mean.length;
        if (cov.length != n) {
            throw new IllegalArgumentException("covariance must be [" + n + "][" + n + "]");
        }
        DMatrixRMaj m = new DMatrixRMaj(cov);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(m)) {
            throw new IllegalArgumentException("covariance eigendecomposition failed (is it symmetric and finite?)");
        }
        double[] basis = new double[n * n];
        double[] lambda = new double[n];
        for (int j = 0; j < n; j++) {
            lambda[j] = eig.getEigenvalue(j).getReal();
            if (lambda[j] < -1e-9 * Math.max(1, Math.abs(lambda[j]))) {
                throw new IllegalArgumentException("covariance is not positive semi-definite (eigenvalue " + lambda[j] + ")");
            }
            lambda[j] = Math.max(0, lambda[j]);
            DMatrixRMaj v = eig.getEigenVector(j);
            for (int i = 0; i < n; i++) {
                basis[i * n + j] = v.get(i, 0);
            }
        }
        return new Component(weight, mean.clone(), basis, lambda, 0);
    }

    public List<Component> components() {
        return components;
    }

    @Override
    public NoiseProcess process() {
        return process;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public Tensor epsHat(Tensor x, Tensor t) {
        return Conversions.epsFromScore(process, score(x, t), t);
    }

    @Override
    public Tensor score(Tensor x, Tensor t) {
        float[] ts = t.toArray();
        int rows = ts.length;
        int kCount = components.size();
        List<Tensor> scores = new ArrayList<>();
        List<Tensor> logits = new ArrayList<>();
        for (int k = 0; k < kCount; k++) {
            Component c = components.get(k);
            int m = c.rank();
            boolean full = m == dim;
            float[] shift = new float[rows * dim];
            float[] diag = new float[rows * m];
            double[] beta = new double[rows];
            float[] constant = new float[rows];
            for (int i = 0; i < rows; i++) {
                double a = process.a(ts[i]), b = process.b(ts[i]);
                double vb = a * a * c.floor() + b * b;
                beta[i] = full ? 0 : 1 / vb;
                double logDet = full ? 0 : (dim - m) * Math.log(vb);
                for (int j = 0; j < m; j++) {
                    double v = a * a * c.lambda()[j] + b * b;
                    diag[i * m + j] = (float) (1 / v - beta[i]);
                    logDet += Math.log(v);
                }
                for (int j = 0; j < dim; j++) {
                    shift[i * dim + j] = (float) (a * c.mean()[j]);
                }
                constant[i] = (float) (Math.log(c.weight()) - 0.5 * logDet);
            }
            Tensor v = x.sub(Tensor.of(shift, rows, dim));
            RowScalars betaRows = RowScalars.of(beta);
            Tensor precision = null;
            Tensor quad = null;
            if (m > 0) {
                Tensor p = v.matmul(q.get(k));                           // [B, m] = Q^T v
                Tensor pd = p.mul(Tensor.of(diag, rows, m));
                precision = pd.matmul(qt.get(k));                       // Q diag(alpha - beta) Q^T v
                quad = Reduce.sum(pd.mul(p), 1, true);
            }
            if (!betaRows.isZero()) {
                Tensor bv = betaRows.times(v);
                precision = precision == null ? bv : precision.add(bv);
                Tensor bq = Reduce.sum(bv.mul(v), 1, true);
                quad = quad == null ? bq : quad.add(bq);
            }
            scores.add(precision.mul(-1f));
            if (kCount > 1) {
                logits.add(quad.mul(-0.5f).add(Tensor.of(constant, rows, 1)));
            }
        }
        if (kCount == 1) {
            return scores.get(0);
        }
        Tensor w = Norms.softmax(ShapeOps.concat(1, logits.toArray(new Tensor[0])));
        Tensor sum = null;
        for (int k = 0; k < kCount; k++) {
            Tensor term = ShapeOps.slice(w, 1, k, k + 1).mul(scores.get(k));
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }

    @Override
    public String describe() {
        return "oracle: mixture of " + components.size() + " Gaussian(s) in R^" + dim + " (" + process.spec() + ")";
    }
}
