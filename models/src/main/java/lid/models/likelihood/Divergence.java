package lid.models.likelihood;

import lid.engine.Tensor;
import lid.models.PointDraws;

/**
 * Divergence of a vector field v: R^D -> R^D per row, by forward-mode tangents: exact with the
 * D basis directions (k = D), or Hutchinson's estimate (1/m) sum_j z_j^T J z_j with m Rademacher
 * probes. Input x [B, D]; the field must be made of tensor ops of x.
 */
public final class Divergence {
    private Divergence() {}

    /** The field under differentiation. */
    @FunctionalInterface
    public interface Field {
        Tensor apply(Tensor x);
    }

    /** Tangent directions [k, B, D]: the basis vectors e_j for every row. */
    public static Tensor basis(int rows, int dim) {
        Tensor t = Tensor.zeros(dim, rows, dim);
        float[] d = t.data();
        for (int j = 0; j < dim; j++) {
            for (int i = 0; i < rows; i++) {
                d[(j * rows + i) * dim + j] = 1f;
            }
        }
        return t;
    }

    /** Rademacher probes [m, B, D]: probe j of row r is draw j of that row's own stream (see {@link PointDraws}). */
    public static Tensor rademacher(int probes, int dim, PointDraws draws) {
        int rows = draws.rows();
        Tensor t = Tensor.zeros(probes, rows, dim);
        float[] d = t.data();
        for (int j = 0; j < probes; j++) {
            for (int r = 0; r < rows; r++) {
                draws.rademacher(r, j, dim, d, (j * rows + r) * dim);
            }
        }
        return t;
    }

    /** Per-row (1/k) sum_j z_j . (J z_j) scaled by {@code scale}: the trace when z is the basis and scale = k. */
    public static double[] quadratic(Tensor directions, Tensor jvp, double scale) {
        int k = directions.dim(0), rows = directions.dim(1), dim = directions.dim(2);
        float[] z = directions.data(), j = jvp.data();
        int zo = directions.offset(), jo = jvp.offset();
        double[] out = new double[rows];
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < rows; i++) {
                int base = (p * rows + i) * dim;
                double s = 0;
                for (int c = 0; c < dim; c++) {
                    s += (double) z[zo + base + c] * j[jo + base + c];
                }
                out[i] += s;
            }
        }
        for (int i = 0; i < rows; i++) {
            out[i] *= scale / k;
        }
        return out;
    }

    /** v(x) and its divergence per row, pushing the given directions ([k, B, D]) through v. */
    public static Result evaluate(Field v, Tensor x, Tensor directions, boolean exact) {
        // A view of the directions: releasing the tangent with its tensor must not free the caller's buffer.
        Tensor xt = x.detach().withTangent(directions.detach());
        Tensor y = v.apply(xt);
        if (y.tangent() == null) {
            throw new IllegalStateException("the field carries no tangent: it does not depend on x through tensor ops");
        }
        double[] div = exact ? trace(y.tangent()) : quadratic(directions, y.tangent(), 1.0);
        return new Result(y, div);
    }

    /** Trace per row of tangents pushed from the basis: sum_j J[i][j][j]. */
    static double[] trace(Tensor jvp) {
        int dim = jvp.dim(0), rows = jvp.dim(1);
        float[] j = jvp.data();
        int jo = jvp.offset();
        double[] out = new double[rows];
        for (int c = 0; c < dim; c++) {
            for (int i = 0; i < rows; i++) {
                out[i] += j[jo + (c * rows + i) * dim + c];
            }
        }
        return out;
    }

    /** The field's value and per-row divergence. */
    public record Result(Tensor value, double[] divergence) {}
}
