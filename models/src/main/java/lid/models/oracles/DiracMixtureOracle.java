package lid.models.oracles;

import lid.engine.Arena;
import lid.engine.Norms;
import lid.engine.Tensor;
import lid.models.DiffusionModel;
import lid.models.noise.NoiseProcess;
import lid.models.params.RowScalars;

/**
 * The closed-form diffusion of a finite dataset y_1..y_N (the optimal denoiser of its empirical
 * distribution, which memorises it): p_t = (1/N) sum_i N(a y_i, b^2 I), so
 * <pre>
 *   w = softmax_i( (a/b^2) x.y_i - a^2 ||y_i||^2 / (2 b^2) ),   E[x0 | x] = sum_i w_i y_i,
 *   eps_hat = (x - a E[x0 | x]) / b
 * </pre>
 * as tensor ops ([B, N] weights), so forward-mode tangents of x give exact Jacobians.
 */
public final class DiracMixtureOracle implements DiffusionModel {
    private final NoiseProcess process;
    private final int dim;
    private final int count;
    private final Tensor points;     // [N, D]
    private final Tensor pointsT;    // [D, N]
    private final Tensor squaredNorms; // [N]

    public DiracMixtureOracle(NoiseProcess process, float[] x, int n, int dim) {
        if (n <= 0 || x.length != n * dim) {
            throw new IllegalArgumentException("mixture of Diracs needs n >= 1 points of dimension " + dim);
        }
        this.process = process;
        this.dim = dim;
        this.count = n;
        float[] sq = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += (double) x[i * dim + j] * x[i * dim + j];
            }
            sq[i] = (float) s;
        }
        Tensor[] made = Arena.unscoped(() -> {
            Tensor y = Tensor.of(x, n, dim);
            return new Tensor[] {y, y.transpose(), Tensor.of(sq, n)};
        });
        this.points = made[0];
        this.pointsT = made[1];
        this.squaredNorms = made[2];
    }

    public int count() {
        return count;
    }

    @Override
    public NoiseProcess process() {
        return process;
    }

    @Override
    public int dim() {
        return dim;
    }

    /** E[x0 | x_t] [B, D]. */
    @Override
    public Tensor x0Hat(Tensor x, Tensor t) {
        float[] ts = t.toArray();
        int rows = ts.length;
        RowScalars gain = RowScalars.of(ts, s -> process.a(s) / (process.b(s) * process.b(s)));
        float[] col = new float[rows];
        for (int i = 0; i < rows; i++) {
            double a = process.a(ts[i]), b = process.b(ts[i]);
            col[i] = (float) (-a * a / (2 * b * b));
        }
        Tensor logits = gain.times(x.matmul(pointsT)).add(Tensor.of(col, rows, 1).mul(squaredNorms));
        return Norms.softmax(logits).matmul(points);
    }

    @Override
    public Tensor epsHat(Tensor x, Tensor t) {
        float[] ts = t.toArray();
        Tensor m = x0Hat(x, t);
        return RowScalars.of(ts, s -> 1 / process.b(s)).times(x)
                .sub(RowScalars.of(ts, s -> process.a(s) / process.b(s)).times(m));
    }

    @Override
    public String describe() {
        return "empirical: the exact score of " + count + " points in R^" + dim + " as a mixture of Diracs (" + process.spec() + ")";
    }
}
