package lid.models.molrg;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lid.engine.Tensor;
import lid.models.TrainedModel;
import lid.models.nets.Architectures;
import lid.models.nets.MolrgDenoiser;
import lid.models.noise.NoiseProcess;
import lid.models.noise.VpSde;
import lid.models.params.Parameterization;
import lid.models.train.TrainConfig;
import lid.models.train.TrainListener;
import lid.models.train.TrainResult;
import lid.models.train.Trainer;
import lid.models.train.Weighting;

/**
 * Training a MoLRG low-rank denoiser (x0-prediction, VP-SDE) as subspace clustering: from random
 * starts, gradient training lands in minima with directions swapped between components (at d >= 4,
 * 0 of 3 recovered at d = 6, N_k = 8, measured), so each start's bases are first seeded from the
 * data (K-subspaces seeding for equal ranks, {@link RankSeeding} for different ranks), trained, and
 * the start with the lowest final smoothed loss is kept.
 */
public final class DenoiserFit {
    private DenoiserFit() {}

    /** How a start's bases are seeded from the data. */
    public enum Seeding {
        /** K-subspaces seeding (equal ranks): {@link KSubspaces#seeded}. */
        SUBSPACES,
        /** Largest rank first, each from a point's most correlated neighbours: {@link RankSeeding#bases}. */
        RANKS
    }

    /**
     * The fit: the training configuration of every start (its seed is replaced by the start's own),
     * and per start the seed of its initial weights and seeding draws ({@code initSeeds}) and of its
     * training draws ({@code trainSeeds}); there are as many starts as seeds.
     */
    public record Options(TrainConfig config, Seeding seeding, long[] initSeeds, long[] trainSeeds) {
        public Options {
            if (initSeeds.length == 0 || initSeeds.length != trainSeeds.length) {
                throw new IllegalArgumentException("a denoiser fit needs one init and one training seed per start, got "
                        + initSeeds.length + " and " + trainSeeds.length);
            }
        }
    }

    /** The best start: its model (trained weights in the network) and final smoothed loss. */
    public record Result(TrainedModel model, double loss) {
        public MolrgDenoiser denoiser() {
            return (MolrgDenoiser) model.net();
        }
    }

    /** Fits a denoiser with components of the given ranks to the points x: [n, dim]. */
    public static Result fit(float[] x, int n, int dim, int[] ranks, Options o) {
        Result best = null;
        for (int s = 0; s < o.initSeeds().length; s++) {
            TrainedModel m = model(dim, ranks, o.initSeeds()[s]);
            Random rng = new Random(o.initSeeds()[s]);
            List<float[]> init = o.seeding() == Seeding.RANKS ? RankSeeding.bases(x, n, dim, ranks, rng)
                    : KSubspaces.seeded(x, n, dim, ranks.length, ranks[0], rng);
            List<Tensor> bases = ((MolrgDenoiser) m.net()).bases();
            for (int c = 0; c < ranks.length; c++) {
                System.arraycopy(init.get(c), 0, bases.get(c).data(), bases.get(c).offset(), dim * ranks[c]);
            }
            TrainConfig c = o.config();
            TrainConfig cfg = new TrainConfig(c.steps(), c.batch(), c.lr(), c.warmup(), c.minLr(), c.weightDecay(), c.clip(),
                    c.ema(), c.tMin(), c.tMax(), c.weighting(), c.meanOverDims(), o.trainSeeds()[s], c.validateEvery(),
                    c.checkpointEvery(), c.divergeFactor());
            TrainResult res = new Trainer(m, cfg, x, new float[0], null, Map.of()).run(TrainListener.NONE);
            if (best == null || res.smoothedLoss() < best.loss()) {
                best = new Result(m, res.smoothedLoss());
            }
        }
        return best;
    }

    /** The training configuration of the MoLRG experiments: Adam lr 1e-2 to 5e-4, no clip or EMA, the network's own loss. */
    public static TrainConfig.Builder config(long steps, int batch, int warmup, double tMax) {
        return TrainConfig.builder(steps).batch(batch).lr(1e-2).warmup(warmup).minLr(5e-4).clip(0).ema(0).times(0.001, tMax)
                .weighting(Weighting.NATIVE).validateEvery(0).checkpointEvery(0);
    }

    /** An untrained MoLRG denoiser (VP-SDE, x0-prediction) with components of the given ranks. */
    public static TrainedModel model(int dim, int[] ranks, long seed) {
        NoiseProcess proc = VpSde.standard();
        String arch = "molrg:dims=" + String.join("-", Arrays.stream(ranks).mapToObj(Integer::toString).toList());
        Architectures.Built built = Architectures.resolve(arch, new Architectures.Context(dim, null, ranks, proc, seed));
        return new TrainedModel(built.arch(), built.net(), proc, Parameterization.X0, null);
    }
}
