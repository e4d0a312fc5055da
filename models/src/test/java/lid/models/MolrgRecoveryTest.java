package lid.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.models.nets.MolrgDenoiser;
import lid.models.noise.VpSde;
import lid.models.params.Parameterization;
import lid.models.molrg.SubspaceRecovery;
import lid.models.train.TrainConfig;
import lid.models.train.TrainResult;
import lid.models.train.Trainer;
import lid.models.train.Weighting;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Training the MoLRG low-rank denoiser (Riemannian Adam on the bases, x0 loss, t in [0.001, 0.05])
 * on N_k samples per component recovers the true bases, ||U_hat U_hat^T - U U^T||_F ~ 0, once N_k
 * is a small multiple of d (math.md 7.4, benchmarks.md 3.2). Like K-subspaces the loss has
 * spurious minima (learned subspaces straddling two true ones: errors sqrt(2), 2), so success is a
 * rate over random initialisations, and the lowest final loss picks a recovering run. With
 * N_k < d the points cannot determine the d-dimensional subspace at all.
 */
class MolrgRecoveryTest {
    /** One training run: the per-component errors and the smoothed final loss. */
    private record Run(double[] errors, double loss) {
        boolean recovered() {
            return Arrays.stream(errors).max().orElse(9) < 0.05;
        }
    }

    private static Run train(int d, int perComponent, long seed) {
        int k = 2;
        Dataset ds = Datasets.generate("molrg:D=48,K=" + k + ",d=" + d + ",assign=balanced", k * perComponent, seed);
        TrainedModel m = Fixtures.model("molrg", ds, VpSde.standard(), Parameterization.X0, seed + 1);
        TrainConfig cfg = TrainConfig.builder(600).batch(256).lr(1e-2).warmup(30).minLr(5e-4).clip(0).ema(0)
                .times(0.001, 0.05).weighting(Weighting.NATIVE).seed(seed).validateEvery(0).checkpointEvery(0)
                .build();
        TrainResult r = new Trainer(m, cfg, ds.x(), new float[0], null, Map.of()).run(lid.models.train.TrainListener.NONE);
        return new Run(SubspaceRecovery.errors(((MolrgDenoiser) m.net()).bases(), ds.mixture()), r.smoothedLoss());
    }

    /** Runs `trials` seeds; returns the report line, asserting nothing. */
    private static Run[] sweep(int d, int nk, int trials, StringBuilder report) {
        Run[] runs = new Run[trials];
        int ok = 0;
        for (int s = 0; s < trials; s++) {
            runs[s] = train(d, nk, 10 + s);
            ok += runs[s].recovered() ? 1 : 0;
        }
        Run best = Arrays.stream(runs).min((a, b) -> Double.compare(a.loss, b.loss)).orElseThrow();
        report.append(String.format(Locale.ROOT, "%n  N_k=%-3d (N_k/d=%.1f): recovered %d/%d, errors of the lowest-loss run %s,"
                + " all runs' max errors %s", nk, nk / (double) d, ok, trials, fmt(best.errors),
                fmt(Arrays.stream(runs).mapToDouble(r -> Arrays.stream(r.errors).max().orElse(0)).toArray())));
        return runs;
    }

    private static String fmt(double[] v) {
        return Arrays.toString(Arrays.stream(v).map(x -> Math.round(x * 1000) / 1000.0).toArray());
    }

    @Test
    void recoversTheSubspacesWithEnoughSamplesPerComponent() {
        StringBuilder report = new StringBuilder();
        Run[] many = sweep(4, 20, 4, report);
        Run[] few = sweep(4, 2, 2, report);
        System.out.println("[acceptance] MoLRG D=48 K=2 d=4, ||U_hat U_hat^T - U U^T||_F (sqrt(2d) = 2.83 is orthogonal):"
                + report);
        Run best = Arrays.stream(many).min((a, b) -> Double.compare(a.loss, b.loss)).orElseThrow();
        assertTrue(best.recovered(), "the lowest-loss run with N_k = 5d should recover the bases:" + report);
        // the loss tells recovering runs from the spurious minima (how often a random start recovers
        // is a property of the optimiser, 1-3 of 4 here, so it is reported, not asserted)
        double worstRecovered = Arrays.stream(many).filter(Run::recovered).mapToDouble(Run::loss).max().orElseThrow();
        double bestSpurious = Arrays.stream(many).filter(r -> !r.recovered()).mapToDouble(Run::loss).min()
                .orElse(Double.POSITIVE_INFINITY);
        assertTrue(worstRecovered < bestSpurious, "N_k = 5d: a spurious minimum has a lower loss than a recovery:" + report);
        for (Run r : few) {
            assertTrue(Arrays.stream(r.errors).max().orElse(0) > 1, "N_k = d/2 cannot determine a d-dim subspace:" + report);
        }
    }

    /** The phase transition over N_k / d (mvn -Plong): about a minute. */
    @Test
    @Tag("long")
    void phaseTransitionOverSamplesPerComponent() {
        StringBuilder report = new StringBuilder();
        for (int nk : new int[] {2, 3, 4, 6, 8, 12, 20, 40}) {
            sweep(4, nk, 6, report);
        }
        System.out.println("[acceptance] MoLRG phase transition, D=48 K=2 d=4, 6 random initialisations each:" + report);
    }
}
