package lid.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.engine.Arena;
import lid.engine.Grad;
import lid.engine.Tensor;
import lid.models.noise.NoiseProcess;
import lid.models.noise.RectifiedFlow;
import lid.models.noise.VpSde;
import lid.models.oracles.GaussianMixtureOracle;
import lid.models.params.Parameterization;
import lid.models.train.TrainConfig;
import lid.models.train.Trainer;
import lid.models.train.TrainingDiverged;
import lid.models.train.Weighting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir
    Path dir;

    private static final NoiseProcess VP = VpSde.standard();

    @Test
    void resumeRepeatsTheUninterruptedRunBitForBit() throws Exception {
        Dataset ds = Datasets.generate("swiss_roll", 300, 2);
        NoiseProcess rf = new RectifiedFlow();
        TrainConfig cfg = TrainConfig.builder(40).batch(32).lr(3e-3).warmup(5).minLr(1e-4).weightDecay(0.01).ema(0.9)
                .times(0.01, 1).seed(11).validateEvery(10).checkpointEvery(20).build();
        Map<String, String> md = Map.of("data.spec", "swiss_roll");

        TrainedModel a = Fixtures.model("mlp:widths=32-32,ln=true", ds, rf, Parameterization.FLOW, 5);
        Path full = dir.resolve("full.safetensors");
        new Trainer(a, cfg, ds.x(), Fixtures.rows(ds, 0, 50), full, md).run(lid.models.train.TrainListener.NONE);

        TrainConfig first = TrainConfig.builder(40).batch(32).lr(3e-3).warmup(5).minLr(1e-4).weightDecay(0.01)
                .ema(0.9).times(0.01, 1).seed(11).validateEvery(10).checkpointEvery(20).build();
        TrainedModel b = Fixtures.model("mlp:widths=32-32,ln=true", ds, rf, Parameterization.FLOW, 5);
        Path part = dir.resolve("part.safetensors");
        Trainer tb = new Trainer(b, first, ds.x(), Fixtures.rows(ds, 0, 50), part, md);
        // stop after the step-20 checkpoint by running a 20-step schedule? No: same config, interrupted by a listener.
        assertThrows(Stop.class, () -> tb.run(new lid.models.train.TrainListener() {
            @Override
            public void checkpointed(long step, Path path) {
                throw new Stop();
            }
        }));
        TrainedModel c = Fixtures.model("mlp:widths=32-32,ln=true", ds, rf, Parameterization.FLOW, 99); // other init
        Trainer tc = new Trainer(c, cfg, ds.x(), Fixtures.rows(ds, 0, 50), part, md);
        tc.resumeFrom(part);
        assertEquals(20, tc.step());
        tc.run(lid.models.train.TrainListener.NONE);
        var wa = ModelFiles.read(full).tensors();
        var wc = ModelFiles.read(part).tensors();
        assertEquals(wa.keySet(), wc.keySet());
        for (String k : wa.keySet()) {
            assertArrayEquals(wa.get(k).toArray(), wc.get(k).toArray(), k);
        }
        assertEquals(ModelFiles.read(full).metadata().get("result.validation_loss"),
                ModelFiles.read(part).metadata().get("result.validation_loss"));

        // a different setting is refused, naming it
        TrainConfig other = TrainConfig.builder(40).batch(64).lr(3e-3).warmup(5).minLr(1e-4).weightDecay(0.01)
                .ema(0.9).times(0.01, 1).seed(11).validateEvery(10).checkpointEvery(20).build();
        Trainer td = new Trainer(Fixtures.model("mlp:widths=32-32,ln=true", ds, rf, Parameterization.FLOW, 5), other,
                ds.x(), new float[0], null, md);
        var e = assertThrows(IllegalArgumentException.class, () -> td.resumeFrom(part));
        assertTrue(e.getMessage().contains("train.batch: checkpoint 32, now 64"), e.getMessage());
    }

    private static final class Stop extends RuntimeException {}

    /**
     * A stop request (what Ctrl-C sends) ends the run after the step in progress with a checkpoint
     * of that step, and resuming from it repeats the uninterrupted run bit for bit.
     */
    @Test
    void aStopRequestWritesTheLastCompletedStepAndResumesExactly() throws Exception {
        Dataset ds = Datasets.generate("swiss_roll", 300, 2);
        TrainConfig cfg = TrainConfig.builder(30).batch(32).lr(3e-3).warmup(5).minLr(1e-4).ema(0.9).times(0.01, 1)
                .seed(7).validateEvery(0).checkpointEvery(0).build();
        Map<String, String> md = Map.of("data.spec", "swiss_roll");
        Path full = dir.resolve("full.safetensors");
        new Trainer(Fixtures.model("mlp:widths=16-16", ds, VP, Parameterization.EPS, 5), cfg, ds.x(), new float[0], full, md)
                .run(lid.models.train.TrainListener.NONE);

        Path part = dir.resolve("part.safetensors");
        Trainer t = new Trainer(Fixtures.model("mlp:widths=16-16", ds, VP, Parameterization.EPS, 5), cfg, ds.x(), new float[0],
                part, md);
        var r = t.run(new lid.models.train.TrainListener() {
            @Override
            public void step(long step, double loss, double lr) {
                if (step == 12) {
                    t.requestStop(); // as the Ctrl-C hook does, from any thread
                }
            }
        });
        assertTrue(r.stopped());
        assertEquals(13, r.steps(), "the step in progress completes");
        assertEquals("13", ModelFiles.read(part).metadata().get("step"), "the checkpoint holds the last completed step");
        Trainer resumed = new Trainer(Fixtures.model("mlp:widths=16-16", ds, VP, Parameterization.EPS, 99), cfg, ds.x(),
                new float[0], part, md);
        resumed.resumeFrom(part);
        assertTrue(!resumed.run(lid.models.train.TrainListener.NONE).stopped());
        var wa = ModelFiles.read(full).tensors();
        var wb = ModelFiles.read(part).tensors();
        for (String k : wa.keySet()) {
            assertArrayEquals(wa.get(k).toArray(), wb.get(k).toArray(), k);
        }
    }

    @Test
    void aDivergingLossStopsAndKeepsTheLastGoodCheckpoint() throws Exception {
        Dataset ds = Datasets.generate("gaussian:D=4,d=2", 200, 1);
        TrainedModel m = Fixtures.model("mlp:widths=16", ds, VP, Parameterization.EPS, 1);
        float[] x = ds.x().clone();
        x[4 * 150] = 1e30f; // one absurd row: the loss overflows the first time a batch draws it
        TrainConfig cfg = TrainConfig.builder(400).batch(8).warmup(0).minLr(1e-3).ema(0).times(1e-3, 1).seed(1)
                .validateEvery(0).checkpointEvery(1).build();
        Path ck = dir.resolve("d.safetensors");
        Trainer tr = new Trainer(m, cfg, x, new float[0], ck, Map.of());
        var e = assertThrows(TrainingDiverged.class, () -> tr.run(lid.models.train.TrainListener.NONE));
        assertTrue(e.getMessage().contains("last good checkpoint"), e.getMessage());
        assertTrue(e.getMessage().contains("--lr"), e.getMessage());
        long saved = Long.parseLong(ModelFiles.read(ck).metadata().get("step"));
        assertEquals(e.step(), saved);
        assertTrue(Files.exists(ck));
    }

    /**
     * Acceptance: an MLP trained on a rank-3 Gaussian in R^8 predicts nearly the oracle's eps_hat.
     * Error: relative mean squared difference E||eps_mlp - eps_oracle||^2 / E||eps_oracle||^2 over
     * fresh x_t at several t.
     */
    @Test
    void mlpEpsHatApproachesTheOracleOnALowRankGaussian() {
        Dataset all = Datasets.generate("gaussian:D=8,d=3", 5000, 3);
        Dataset ds = new Dataset(all.spec(), 3, 4000, 8, Fixtures.rows(all, 0, 4000), new int[4000], new int[4000],
                all.mixture(), null);
        TrainedModel m = Fixtures.model("mlp:widths=128-128-128", ds, VP, Parameterization.EPS, 2);
        TrainConfig cfg = TrainConfig.builder(1500).batch(256).lr(2e-3).warmup(100).minLr(1e-4).ema(0.99)
                .times(1e-3, 1).seed(4).validateEvery(0).checkpointEvery(0).build();
        Trainer tr = new Trainer(m, cfg, ds.x(), new float[0], null, Map.of());
        tr.run(lid.models.train.TrainListener.NONE);
        tr.useEmaWeights();
        GaussianMixtureOracle oracle = GaussianMixtureOracle.of(ds.mixture(), VP);
        float[] held = Fixtures.rows(all, 4000, 5000);
        StringBuilder report = new StringBuilder();
        double worst = 0;
        for (double t : new double[] {0.05, 0.1, 0.3, 0.6, 0.9}) {
            try (Arena arena = Arena.open(); Grad.Scope off = Grad.off()) {
                Tensor x0 = Tensor.of(held, 1000, 8); // held-out points, fresh noise
                Tensor xt = x0.mul((float) VP.a(t)).add(Tensor.randn(77, (long) (t * 100), 1000, 8).mul((float) VP.b(t)));
                Tensor tt = DiffusionModel.times(1000, t);
                Tensor want = oracle.epsHat(xt, tt);
                Tensor got = m.epsHat(xt, tt);
                double err = got.sub(want).square().sum().item() / want.square().sum().item();
                report.append(String.format(java.util.Locale.ROOT, " t=%.2f: %.4f", t, err));
                worst = Math.max(worst, err);
            }
        }
        System.out.println("[acceptance] MLP vs oracle eps_hat relative MSE on gaussian:D=8,d=3:" + report);
        assertTrue(worst < 0.03, "relative error" + report);
    }
}
