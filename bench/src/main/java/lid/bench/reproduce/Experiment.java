package lid.bench.reproduce;

import java.util.Map;

/** One {@code lid reproduce NAME}: plans its cells, runs them through the workspace, writes its report body. */
abstract class Experiment {
    private final String name;
    private final String summary;

    /** An experiment called {@code name} (the command's NAME), with a one-line summary for the list. */
    Experiment(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    final String name() {
        return name;
    }

    /** One line for the list of experiments. */
    final String summary() {
        return summary;
    }

    /** The budget values this run will use (saved; a folder made with other values is refused). */
    abstract Map<String, Object> resolve(Budget budget);

    /** Runs (or resumes) every cell and returns the Markdown body of the report. */
    abstract String run(Workspace ws, Budget budget);
}
