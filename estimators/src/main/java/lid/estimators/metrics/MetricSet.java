package lid.estimators.metrics;

/**
 * Accuracy of one estimator on one set of points (a component or all of them).
 *
 * @param n                      points
 * @param mae                    mean |estimate - truth|
 * @param mse                    mean (estimate - truth)^2
 * @param concordance            dgm_geometry's concordance index, with_equal=False
 * @param concordanceWithEqual   dgm_geometry's with_equal=True (rounded estimates; ties penalised)
 * @param concordanceDistinct    score-matching-lid's: concordant share of pairs with distinct truth
 * @param spearman               Spearman rank correlation between estimate and truth (NaN if
 *                               either is constant)
 */
public record MetricSet(int n, double mae, double mse, double concordance, double concordanceWithEqual,
                        double concordanceDistinct, double spearman) {}
