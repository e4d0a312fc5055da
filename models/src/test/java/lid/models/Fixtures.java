package lid.models;

import java.util.Arrays;
import lid.datasets.Dataset;
import lid.models.nets.Architectures;
import lid.models.noise.NoiseProcess;
import lid.models.params.Parameterization;
import lid.models.train.TrainConfig;
import lid.models.train.Weighting;

/** Small models and configurations shared by the tests. */
final class Fixtures {
    private Fixtures() {}

    static TrainedModel model(String arch, Dataset ds, NoiseProcess p, Parameterization param, long seed) {
        int[] ranks = ds.mixture() == null ? null
                : ds.mixture().components().stream().mapToInt(c -> c.rank()).toArray();
        Architectures.Built b = Architectures.resolve(arch, new Architectures.Context(ds.dim(), ds.image(), ranks, p, seed));
        return new TrainedModel(b.arch(), b.net(), p, param, ds.image());
    }

    static TrainConfig config(long steps, int batch, double lr, double[] tRange, Weighting w, long seed) {
        return TrainConfig.builder(steps).batch(batch).lr(lr).warmup((int) Math.min(100, steps / 10)).minLr(lr / 20)
                .ema(0.99).times(tRange[0], tRange[1]).weighting(w).seed(seed).validateEvery(Math.max(1, steps / 4))
                .checkpointEvery(Math.max(1, steps / 2)).build();
    }

    static float[] rows(Dataset ds, int from, int to) {
        return Arrays.copyOfRange(ds.x(), from * ds.dim(), to * ds.dim());
    }
}
