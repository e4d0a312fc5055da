package lid.datasets;

import java.util.List;

/**
 * The exact distribution of a Gaussian dataset (gaussian, molrg, multiscale_gaussian, affine
 * with latent=gaussian), for oracle models: a mixture of Gaussians in R^dim,
 * x ~ sum_k weight_k N(mean_k, U_k diag(scales_k^2) U_k^T + diag(noiseStd_k^2)),
 * expressed in the coordinates of the dataset's rows (after embedding, noise and
 * standardisation). The ground truth is the dataset's lid array: the rank d_k for gaussian, molrg
 * and affine; multiscale_gaussian counts only the eigenvalues above its threshold.
 */
public record LowRankMixture(int dim, List<Component> components) {
    public LowRankMixture {
        components = List.copyOf(components);
        for (Component c : components) {
            if (c.mean().length != dim || c.basis().length != dim * c.rank() || c.noiseStd().length != dim) {
                throw new IllegalArgumentException("mixture component does not match dimension " + dim);
            }
        }
    }

    /**
     * One component.
     *
     * @param weight   mixture weight pi_k (the weights sum to 1)
     * @param rank     d_k, the number of columns of the basis
     * @param mean     [dim]
     * @param basis    U_k: [dim, rank] row-major with orthonormal columns
     * @param scales   [rank] standard deviation along each basis column (1 for MoLRG)
     * @param noiseStd [dim] standard deviation of the ambient Gaussian noise per coordinate
     */
    public record Component(double weight, int rank, double[] mean, double[] basis, double[] scales, double[] noiseStd) {
        public Component {
            if (scales.length != rank) {
                throw new IllegalArgumentException("scales length " + scales.length + " != rank " + rank);
            }
        }

        /** Entry (row i, column j) of the basis. */
        public double basis(int i, int j) {
            return basis[i * rank + j];
        }
    }
}
