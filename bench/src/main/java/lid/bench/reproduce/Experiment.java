package lid.bench.reproduce;

import java.util.Map;

/** One {@code lid reproduce NAME}: plans its cells, runs them through the workspace, writes its report body. */
interface Experiment {
    String name();

    /** One line for the list of experiments. */
    String summary();

    /** The budget values this run will use (saved; a folder made with other values is refused). */
    Map<String, Object> resolve(Budget budget);

    /** Runs (or resumes) every cell and returns the Markdown body of the report. */
    String run(Workspace ws, Budget budget);
}
