package lid.estimators.diffusion;

import lid.models.PointDraws;

/**
 * The m noise vectors eps_1..eps_m in R^D of one point: draws 0..m-1 of the point's own stream
 * ({@link PointDraws}: independent per point, or shared by all points under draws=shared), so the
 * first m' < m draws of a point are the same for every m.
 * Orthogonalised draws (variance reduction of DSM-LID, math.md section 8): Gram-Schmidt the
 * Gaussian draws, then scale to length sqrt(D): eps_i = sqrt(D) q_i (needs m <= D).
 */
final class NoiseDraws {
    private NoiseDraws() {}

    static void checkOrtho(boolean orthogonal, int m, int d) {
        if (orthogonal && m > d) {
            throw new IllegalArgumentException("orthogonalised noise needs m <= D: m=" + m + ", D=" + d
                    + " (use ortho=false or a smaller m)");
        }
    }

    /** Row r's m draws as [m, D] row-major. */
    static float[] draws(PointDraws draws, int r, int m, int d, boolean orthogonal) {
        checkOrtho(orthogonal, m, d);
        float[] eps = new float[m * d];
        draws.normals(r, 0, m, d, eps, 0);
        if (orthogonal) {
            orthogonalise(eps, m, d);
        }
        return eps;
    }

    /** Gram-Schmidt (twice, Kahan-Parlett) in double, each vector scaled to length sqrt(D). */
    private static void orthogonalise(float[] eps, int m, int d) {
        double[][] q = new double[m][d];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < d; c++) {
                q[i][c] = eps[i * d + c];
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < i; j++) {
                    double dot = 0;
                    for (int c = 0; c < d; c++) {
                        dot += q[i][c] * q[j][c];
                    }
                    for (int c = 0; c < d; c++) {
                        q[i][c] -= dot * q[j][c];
                    }
                }
            }
            double norm = 0;
            for (int c = 0; c < d; c++) {
                norm += q[i][c] * q[i][c];
            }
            norm = Math.sqrt(norm);
            for (int c = 0; c < d; c++) {
                q[i][c] /= norm;
                eps[i * d + c] = (float) (Math.sqrt(d) * q[i][c]);
            }
        }
    }
}
