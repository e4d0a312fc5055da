package lid.estimators.diffusion;

import lid.engine.Arena;
import lid.engine.Grad;
import lid.engine.Tensor;
import lid.models.DiffusionModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;

/**
 * Numerical rank of a denoiser's Jacobian d x0_hat / d x_t (MoLRG paper, Fig. 3): the full D x D
 * Jacobian by forward mode (D unit tangents in one pass), its singular values, and the smallest r
 * whose leading singular values hold the given share of the squared energy.
 */
public final class JacobianRank {
    private JacobianRank() {}

    /** The Jacobian at one point x_t [D] and time t, row-major [D, D] (row i = d x0_hat_i / d x). */
    public static double[] jacobian(DiffusionModel m, float[] xt, double t) {
        int d = m.dim();
        float[] eye = new float[d * d];
        for (int j = 0; j < d; j++) {
            eye[j * d + j] = 1f;
        }
        float[] jv;
        try (Grad.Scope off = Grad.off(); Arena a = Arena.open()) {
            Tensor x = Tensor.wrap(xt.clone(), 1, d).withTangent(Tensor.wrap(eye, d, 1, d));
            jv = m.x0Hat(x, DiffusionModel.times(1, t)).tangent().toArray(); // [direction j, 1, output i]
        }
        double[] jac = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < d; i++) {
                jac[i * d + j] = jv[j * d + i];
            }
        }
        return jac;
    }

    /** Smallest r with sum_{i<r} s_i^2 >= share * sum s_i^2. */
    public static int rank(double[] matrix, int d, double share) {
        double[] s = SingularOps_DDRM.singularValues(new DMatrixRMaj(d, d, true, matrix));
        java.util.Arrays.sort(s);
        double total = 0;
        for (double v : s) {
            total += v * v;
        }
        if (!(total > 0)) {
            return 0;
        }
        double acc = 0;
        for (int r = 1; r <= d; r++) {
            double v = s[d - r];
            acc += v * v;
            if (acc >= share * total) {
                return r;
            }
        }
        return d;
    }
}
