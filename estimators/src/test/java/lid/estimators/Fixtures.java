package lid.estimators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Shared test data and helpers. */
public final class Fixtures {
    private Fixtures() {}

    /** skdim_ball30.csv: 30 x 10, a 5-ball zero-padded (fixtures.md 1), full double precision. */
    public static double[] ball30() {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = Fixtures.class.getResourceAsStream("/lid/estimators/skdim_ball30.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                double[] v = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    v[i] = Double.parseDouble(f[i]);
                }
                rows.add(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[] x = new double[rows.size() * 10];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * 10, 10);
        }
        return x;
    }

    /** The ball fixture zero-padded to 30 columns. */
    public static double[] ball30Padded30() {
        double[] x = ball30();
        double[] p = new double[30 * 30];
        for (int i = 0; i < 30; i++) {
            System.arraycopy(x, i * 10, p, i * 30, 10);
        }
        return p;
    }

    public static EstimationInput input(double[] x, int n, int dim) {
        return EstimationInput.builder(x, n, dim).threads(1).build();
    }

    /** Runs a spec from the standard registry. */
    public static EstimatorResult run(EstimationInput in, String spec) {
        return EstimatorRegistry.standard().parse(spec).run(in);
    }

    public static double global(EstimationInput in, String spec) {
        return run(in, spec).global();
    }

    /** |actual - expected| <= rel * |expected|. */
    public static void assertRel(double expected, double actual, double rel, String what) {
        if (!(Math.abs(actual - expected) <= rel * Math.abs(expected))) {
            throw new AssertionError(what + ": expected " + expected + " (rel " + rel + "), got " + actual
                    + " (rel error " + Math.abs(actual - expected) / Math.abs(expected) + ")");
        }
    }

    public static void assertAbs(double expected, double actual, double abs, String what) {
        if (!(Math.abs(actual - expected) <= abs)) {
            throw new AssertionError(what + ": expected " + expected + " +- " + abs + ", got " + actual);
        }
    }
}
