package lid.bench.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/**
 * One cached unit of an experiment (a training run, one estimator on one dataset, one grid point
 * of a phase diagram): its key names the file that holds its result, so a finished cell is never
 * computed twice and an interrupted run resumes at the first missing cell.
 */
record Cell(String key, String label, Supplier<ObjectNode> compute) {
    Cell {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a cell needs a key");
        }
    }
}
