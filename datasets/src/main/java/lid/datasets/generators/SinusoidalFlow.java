package lid.datasets.generators;

/**
 * FLIPD's "squiggly" diffeomorphism (dgm_geometry Sinusoidal; benchmarks.md 2.1): for
 * k = 0..repeat-1, x_j += (1 - kappa) sin(omega x_j) / omega where mask[2k][j] is false, x_j = -x_j
 * where mask[2k+1][j] is false, then x = x R_k (row vector times a random orthogonal matrix).
 * Each coordinate step has derivative 1 + (1 - kappa) cos(omega x) in [kappa, 2 - kappa] > 0.
 * Masks are fair coin flips; R_k is Haar-random (QR with the sign fix; the reference's torch QR
 * has no sign fix, which changes the distribution of R_k slightly, not the construction).
 */
final class SinusoidalFlow implements Diffeomorphism {
    private final int dim;
    private final int repeat;
    private final double omega;
    private final double kappa;
    private final boolean[][] keep;
    private final double[][] rotations;
    private final double[] tmp;

    SinusoidalFlow(int dim, int repeat, double omega, double kappa, Rng rng) {
        if (!(kappa > 0 && kappa <= 1)) {
            throw new IllegalArgumentException("squiggly: kappa must be in (0, 1] for a diffeomorphism, got " + kappa);
        }
        this.dim = dim;
        this.repeat = repeat;
        this.omega = omega;
        this.kappa = kappa;
        float[] coins = rng.uniform(2 * repeat * dim);
        keep = new boolean[2 * repeat][dim];
        for (int m = 0; m < 2 * repeat; m++) {
            for (int j = 0; j < dim; j++) {
                keep[m][j] = coins[m * dim + j] < 0.5f;
            }
        }
        rotations = new double[repeat][];
        for (int k = 0; k < repeat; k++) {
            rotations[k] = Linalg.randomOrthonormal(dim, dim, rng);
        }
        tmp = new double[dim];
    }

    @Override
    public void apply(double[] x) {
        for (int k = 0; k < repeat; k++) {
            for (int j = 0; j < dim; j++) {
                if (!keep[2 * k][j]) {
                    x[j] += (1 - kappa) * Math.sin(omega * x[j]) / omega;
                }
                if (!keep[2 * k + 1][j]) {
                    x[j] = -x[j];
                }
            }
            double[] r = rotations[k];
            for (int j = 0; j < dim; j++) {
                double s = 0;
                for (int i = 0; i < dim; i++) {
                    s += x[i] * r[i * dim + j];
                }
                tmp[j] = s;
            }
            System.arraycopy(tmp, 0, x, 0, dim);
        }
    }
}
