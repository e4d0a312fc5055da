package lid.estimators.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorRegistry;
import lid.estimators.EstimatorResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The classical estimators on scikit-dimension's benchmark manifolds (n = 2500, seed 0, our own
 * generators) against the reference bands of benchmarks.md 4.4 (mean +- std over three NumPy
 * seeds, computed with skdim's settings, hence {@code skdim=true} where our defaults differ).
 *
 * <p>Acceptance: |estimate - mean| <= max(4 std, rel * |mean|, 0.05). A different random sample
 * cannot land within a 3-seed std for the noisy estimators: rel is 4 % by default (about twice
 * the largest deviation seen over seeds 0-2), 10 % for TwoNN and 15 % for CorrInt, whose
 * single-sample spread is several times the table's std (TwoNN on M12_Norm: sd 0.39 over 30 of
 * our seeds, 0.36 over 30 NumPy seeds, table +-0.18), 5 % for FisherS.
 *
 * <p>The default suite runs a representative subset; {@code -Plong} (system property lid.long)
 * runs all 24 manifolds.
 */
class BenchmarkManifoldsTest {
    private static final Set<String> SUBSET = Set.of("M2_Affine_3to5", "M7_Roll", "M11_Moebius", "M13b_Spiral",
            "Mp1_Paraboloid", "M10a_Cubic");

    /** The table's columns: spec, relative floor, whether the band is the mean of the pointwise values. */
    private record Column(String spec, double rel, boolean pointwiseMean) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("mle", 0.04, false),
            new Column("twonn:pw=false", 0.10, false),
            new Column("corrint:pw=false", 0.15, false),
            new Column("mada", 0.04, false),
            new Column("mom", 0.04, false),
            new Column("tle", 0.04, false),
            new Column("mind:pw=false:skdim=true", 0.04, false),
            new Column("lpca:pw=false", 0.04, false),
            new Column("lpca:skdim=true", 0.04, true),
            new Column("ess:skdim=true", 0.04, false),
            new Column("fishers:pw=false:skdim=true", 0.05, false));

    @TestFactory
    Stream<DynamicTest> estimatesFallInsideTheBands() throws IOException {
        boolean all = Boolean.getBoolean("lid.long");
        List<DynamicTest> tests = new ArrayList<>();
        for (String row : table()) {
            String[] f = row.split("\\|");
            String name = f[1].strip();
            if (!all && !SUBSET.contains(name)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(name, () -> check(name, f)));
        }
        assertEquals(all ? 24 : SUBSET.size(), tests.size(), "manifolds found in the table");
        return tests.stream();
    }

    private static void check(String name, String[] f) {
        Dataset ds = Datasets.generate(name, 2500, 0);
        assertEquals(Integer.parseInt(f[2].strip()), ds.lid()[0], "true LID of " + name);
        assertEquals(Integer.parseInt(f[3].strip()), ds.dim(), "ambient dimension of " + name);
        EstimationInput in = EstimationInput.builder(ds.x(), ds.n(), ds.dim()).threads(2).build();
        List<String> failures = new ArrayList<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
            Column col = COLUMNS.get(c);
            EstimatorResult r = EstimatorRegistry.standard().parse(col.spec()).run(in);
            double v = col.pointwiseMean() ? java.util.Arrays.stream(r.pointwise()).average().orElseThrow() : r.global();
            String band = f[4 + c].strip();
            if (band.startsWith("NaN")) {
                if (!Double.isNaN(v)) {
                    failures.add(col.spec() + " = " + v + ", expected NaN");
                }
                continue;
            }
            String[] ms = band.replace(" (cap)", "").split("±");
            double mean = Double.parseDouble(ms[0]);
            double std = ms.length > 1 ? Double.parseDouble(ms[1]) : 0;
            double tol = Math.max(4 * std, Math.max(col.rel() * Math.abs(mean), 0.05));
            if (!(Math.abs(v - mean) <= tol)) {
                failures.add(String.format("%s = %.4f, band %s (tolerance %.3f)", col.spec(), v, band, tol));
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(name + ": " + String.join("; ", failures));
        }
    }

    private static List<String> table() throws IOException {
        try (InputStream in = BenchmarkManifoldsTest.class.getResourceAsStream("/lid/estimators/skdim_bands.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("| M")).toList();
        }
    }
}
