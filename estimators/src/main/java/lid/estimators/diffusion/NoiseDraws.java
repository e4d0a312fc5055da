package lid.estimators.diffusion;

import lid.engine.Engine;

/**
 * The m noise vectors eps_1..eps_m in R^D shared by every point (common random numbers), from
 * the counter-based RNG: draw i is positions [i D, (i+1) D) of stream (seed, 11).
 * Orthogonalised draws (variance reduction of DSM-LID, math.md section 8): Gram-Schmidt the
 * Gaussian draws, then scale to length sqrt(D): eps_i = sqrt(D) q_i (needs m <= D).
 */
final class NoiseDraws {
    private NoiseDraws() {}

    static float[][] draws(long seed, int m, int d, boolean orthogonal) {
        if (orthogonal && m > d) {
            throw new IllegalArgumentException("orthogonalised noise needs m <= D: m=" + m + ", D=" + d
                    + " (use ortho=false or a smaller m)");
        }
        float[][] eps = new float[m][d];
        for (int i = 0; i < m; i++) {
            Engine.kernels().randomNormal(seed, 11, (long) i * d, d, eps[i], 0);
        }
        if (!orthogonal) {
            return eps;
        }
        double[][] q = new double[m][d];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < d; c++) {
                q[i][c] = eps[i][c];
            }
            for (int pass = 0; pass < 2; pass++) { // twice is enough (Kahan-Parlett)
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
                eps[i][c] = (float) (Math.sqrt(d) * q[i][c]);
            }
        }
        return eps;
    }
}
