package lid.models.oracles;

import lid.datasets.Dataset;
import lid.models.DiffusionModel;
import lid.models.noise.NoiseProcess;

/** Picks the exact model for a dataset: {@code lid ... --model oracle}. */
public final class Oracles {
    private Oracles() {}

    /**
     * The exact Gaussian-mixture score when the dataset is Gaussian (gaussian, molrg,
     * multiscale_gaussian, affine with latent=gaussian), else the closed-form diffusion of its
     * finite point set (mixture of Diracs).
     */
    public static DiffusionModel forDataset(Dataset ds, NoiseProcess process) {
        if (ds.mixture() != null) {
            return GaussianMixtureOracle.of(ds.mixture(), process);
        }
        return new DiracMixtureOracle(process, ds.x(), ds.n(), ds.dim());
    }

    /** The exact analytic oracle ({@code --model oracle}), or an error saying which datasets have one. */
    public static GaussianMixtureOracle analytic(Dataset ds, NoiseProcess process) {
        if (ds.mixture() == null) {
            throw new IllegalArgumentException("--model oracle: the data " + ds.spec() + " has no closed-form score; the "
                    + "Gaussian datasets do (gaussian, molrg, multiscale_gaussian, affine:latent=gaussian). For the exact score "
                    + "of the empirical distribution of these points (a mixture of Diracs) use --model empirical");
        }
        return GaussianMixtureOracle.of(ds.mixture(), process);
    }

    /** The exact score of the empirical distribution of the points ({@code --model empirical}): a mixture of Diracs. */
    public static DiffusionModel empirical(Dataset ds, NoiseProcess process) {
        return new DiracMixtureOracle(process, ds.x(), ds.n(), ds.dim());
    }
}
