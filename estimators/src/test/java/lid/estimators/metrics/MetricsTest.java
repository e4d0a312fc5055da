package lid.estimators.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {

    /** The definitions, pair by pair. */
    private static double[] bruteForce(int[] gt, double[] pred) {
        int n = gt.length;
        long disc = 0;
        long discEq = 0;
        long distinct = 0;
        long concordDistinct = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dp = pred[i] - pred[j];
                int dg = gt[i] - gt[j];
                if (dp * dg < 0) {
                    disc++;
                }
                double ri = Math.rint(pred[i]);
                double rj = Math.rint(pred[j]);
                if ((ri - rj) * dg < 0 || (ri == rj && dg != 0) || (dg == 0 && ri != rj)) {
                    discEq++;
                }
                if (dg != 0) {
                    distinct++;
                    if (dp * dg > 0) {
                        concordDistinct++;
                    }
                }
            }
        }
        double pairs = n * (n - 1) / 2.0;
        return new double[] {1 - disc / pairs, 1 - discEq / pairs, distinct == 0 ? 1 : (double) concordDistinct / distinct};
    }

    @Test
    void concordanceIndicesEqualTheirPairwiseDefinitions() {
        Random r = new Random(4);
        for (int trial = 0; trial < 40; trial++) {
            int n = 2 + r.nextInt(200);
            int[] gt = new int[n];
            double[] pred = new double[n];
            for (int i = 0; i < n; i++) {
                gt[i] = 2 + r.nextInt(1 + trial % 7);
                // ties in the estimates too, and values at .5 (numpy rounds half to even)
                pred[i] = trial % 3 == 0 ? r.nextInt(6) * 0.5 : gt[i] + r.nextGaussian() * (trial % 4);
            }
            double[] ref = bruteForce(gt, pred);
            assertEquals(ref[0], Metrics.concordance(gt, pred, false), 1e-15, "with_equal=False, trial " + trial);
            assertEquals(ref[1], Metrics.concordance(gt, pred, true), 1e-15, "with_equal=True, trial " + trial);
            assertEquals(ref[2], Metrics.concordanceDistinct(gt, pred), 1e-15, "distinct, trial " + trial);
        }
    }

    @Test
    void knownValues() {
        int[] gt = {2, 4, 8};
        assertEquals(1.0, Metrics.concordance(gt, new double[] {1.9, 4.2, 7.5}, false));
        assertEquals(1 - 1 / 3.0, Metrics.concordance(gt, new double[] {5, 4.2, 7.5}, false), 1e-15);
        // single-LID data: every variant without equal-penalty scores 1 (math.md 6 caveat)
        assertEquals(1.0, Metrics.concordance(new int[] {3, 3, 3}, new double[] {1, 9, 2}, false));
        assertEquals(1.0, Metrics.concordanceDistinct(new int[] {3, 3, 3}, new double[] {1, 9, 2}));
        assertEquals(0.0, Metrics.concordance(new int[] {3, 3}, new double[] {1, 9}, true), "equal truth, different estimate");
        // rounding half to even: 2.5 -> 2 and 3.5 -> 4 differ, 2.5 and 1.5 both -> 2 tie
        assertEquals(1.0, Metrics.concordance(new int[] {2, 4}, new double[] {2.5, 3.5}, true));
        assertEquals(0.0, Metrics.concordance(new int[] {1, 2}, new double[] {1.5, 2.5}, true));
        assertEquals(0.5, Metrics.mae(new double[] {1, 3}, new int[] {1, 2}));
        assertEquals(2.5, Metrics.mse(new double[] {1, 5}, new int[] {2, 3}));
        assertTrue(Double.isNaN(Metrics.concordance(new int[] {1, 2}, new double[] {Double.NaN, 1}, false)));
    }

    @Test
    void spearmanMatchesScipy() {
        assertEquals(0.8207826816681233, Metrics.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}), 1e-15);
        assertEquals(0.8316554899054915, Metrics.spearman(new double[] {0.3, 1.2, 1.2, 5.0, -1, 2.2},
                new double[] {1, 2, 2, 2, 0, 3}), 1e-15);
    }

    @Test
    void reportPerComponentAndOverall() {
        double[] est = {2.1, 1.9, 4.5, 3.0, 8.0};
        int[] gt = {2, 2, 4, 4, 8};
        int[] comp = {0, 0, 1, 1, 2};
        Metrics.Report r = Metrics.report(est, gt, comp);
        assertEquals(5, r.overall().n());
        assertEquals((0.1 + 0.1 + 0.5 + 1.0 + 0) / 5, r.overall().mae(), 1e-15);
        assertEquals(3, r.perComponent().size());
        assertEquals(0.1, r.perComponent().get(0).mae(), 1e-15);
        assertEquals(0.75, r.perComponent().get(1).mae(), 1e-15);
        assertEquals((0.25 + 1.0) / 2, r.perComponent().get(1).mse(), 1e-15);
        assertEquals(1, r.perComponent().get(2).n());
        assertThrows(IllegalArgumentException.class, () -> Metrics.report(est, new int[] {1}, comp));
    }

    /** The bootstrap interval of the MAE: its width is the normal-theory one, it holds the MAE, and it is deterministic. */
    @Test
    void maeIntervalMatchesNormalTheory() {
        java.util.Random rnd = new java.util.Random(3);
        int n = 4000;
        double[] est = new double[n];
        int[] truth = new int[n];
        double mae = 0, sq = 0;
        for (int i = 0; i < n; i++) {
            truth[i] = 2 + (i % 3);
            est[i] = truth[i] + rnd.nextGaussian();
            double e = Math.abs(est[i] - truth[i]);
            mae += e / n;
            sq += e * e / n;
        }
        double sd = Math.sqrt(sq - mae * mae);
        double[] ci = Metrics.maeInterval(est, truth, Metrics.BOOTSTRAP_RESAMPLES, 42);
        assertTrue(ci[0] < mae && mae < ci[1], "the interval holds the MAE");
        double half = 1.96 * sd / Math.sqrt(n);
        assertEquals(2 * half, ci[1] - ci[0], 0.2 * 2 * half, "width of the 95 % interval");
        assertEquals(ci[0], Metrics.maeInterval(est, truth, Metrics.BOOTSTRAP_RESAMPLES, 42)[0], "deterministic");
        double[] flat = Metrics.maeInterval(new double[] {3, 3, 3}, new int[] {2, 2, 2}, 200, 1);
        assertEquals(1, flat[0]);
        assertEquals(1, flat[1]);
        assertTrue(Double.isNaN(Metrics.maeInterval(new double[] {Double.NaN, 1}, new int[] {1, 1}, 10, 1)[0]));
    }
}
