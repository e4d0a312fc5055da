package lid.bench.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.estimators.EstimationInput;
import lid.estimators.diffusion.ModelHandle;
import lid.models.DiffusionModel;

/**
 * Datasets of an experiment, generated once into data/NAME.npy (with .lid.npy, .component.npy and
 * .json beside it) so that training and every estimator see exactly the same points, and the
 * estimation inputs built on them.
 */
final class DataCells {
    private DataCells() {}

    static Path file(Workspace ws, String name) {
        return ws.path("data/" + name + ".npy");
    }

    /** The cell that draws n points of SPEC with the seed into data/NAME.npy. */
    static Cell generate(Workspace ws, String name, String spec, int n, long seed) {
        return new Cell("data-" + name, "generating " + spec + " (" + n + " points)", () -> {
            Dataset ds = Datasets.generate(spec, n, seed);
            Path f = file(ws, name);
            f.getParent().toFile().mkdirs();
            Datasets.save(ds, f);
            ObjectNode o = Workspace.JSON.createObjectNode();
            o.put("spec", spec);
            o.put("n", ds.n());
            o.put("dim", ds.dim());
            o.put("seed", seed);
            o.put("file", ws.root().relativize(f).toString());
            return o;
        });
    }

    /** The first n points of data/NAME.npy. */
    static Dataset load(Workspace ws, String name, int n) {
        return Datasets.load(file(ws, name).toString(), n, 0);
    }

    /**
     * Estimation input on all n points of the dataset (the kNN reference set) with the first
     * `points` as queries; model may be null for model-free estimators.
     */
    static EstimationInput input(Dataset ds, int points, DiffusionModel model, int threads) {
        int q = Math.min(points, ds.n());
        EstimationInput.Builder b = EstimationInput.builder(ds.x(), ds.n(), ds.dim()).threads(threads).seed(42);
        if (q < ds.n()) {
            int[] queries = new int[q];
            Arrays.setAll(queries, i -> i);
            b.queries(queries);
        }
        if (model != null) {
            b.model(new ModelHandle(model));
        }
        return b.build();
    }

    static int[] first(int[] a, int q) {
        return Arrays.copyOf(a, Math.min(q, a.length));
    }
}
