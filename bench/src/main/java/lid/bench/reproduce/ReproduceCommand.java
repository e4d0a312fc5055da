package lid.bench.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lid.engine.Engine;
import lid.kernels.Backends;
import lid.bench.ThreadsOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lid reproduce NAME --out DIR}: rebuilds one paper table end to end. Every cell (a
 * dataset, a trained model, one estimator on one dataset, one grid point) is cached in DIR/cells,
 * so running the same command again after an interruption resumes where it stopped and a
 * finished run only rewrites the report.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rebuild a paper's table end to end, resumably: score-matching, flipd-small, molrg-phase, scaling, images.",
            "Writes DIR/report.md (tables, the paper's numbers, plots), DIR/results.json and the cached cells.",
            "'lid reproduce list' describes the experiments. --quick runs a small version in minutes;",
            "without it each experiment uses its full budget (see the report header for the values)."},
        footer = {"", "Interrupt at any time (Ctrl-C): the same command resumes from the last finished cell.",
            "A folder is tied to its budget: rerun with the same options or choose a new --out."})
public final class ReproduceCommand implements Callable<Integer> {
    static final List<Experiment> EXPERIMENTS = List.of(new ScoreMatchingExperiment(), new FlipdSmallExperiment(),
            new MolrgPhaseExperiment(), new ScalingExperiment(), new ImagesExperiment());

    @Parameters(index = "0", paramLabel = "NAME", description = "score-matching, flipd-small, molrg-phase, scaling, images or list")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (cells, models, report)")
    Path out;

    @Option(names = "--quick", description = "small budgets: the whole experiment in minutes")
    boolean quick;

    @Option(names = "--steps", paramLabel = "N", description = "training steps per model (default: the experiment's)")
    Integer steps;

    @Option(names = "--n", paramLabel = "N", description = "points per dataset (default: the experiment's)")
    Integer n;

    @Option(names = "--points", paramLabel = "N", description = "points that get estimates (default: the experiment's)")
    Integer points;

    @Option(names = "--trials", paramLabel = "N", description = "random trials per grid cell (molrg-phase)")
    Integer trials;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Override
    public Integer call() throws IOException {
        if (name.equals("list")) {
            for (Experiment e : EXPERIMENTS) {
                System.out.printf(Locale.ROOT, "%-15s %s%n", e.name(), e.summary());
            }
            return 0;
        }
        Experiment exp = EXPERIMENTS.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown experiment '" + name + "'; valid: "
                        + String.join(", ", EXPERIMENTS.stream().map(Experiment::name).toList()) + " (lid reproduce list)"));
        if (out == null) {
            throw new IllegalArgumentException("lid reproduce needs --out DIR (the folder for cells, models and the report)");
        }
        for (Integer v : new Integer[] {steps, n, points, trials}) {
            if (v != null && v < 1) {
                throw new IllegalArgumentException("--steps, --n, --points and --trials must be >= 1, got " + v);
            }
        }
        threads.get();
        try (lid.kernels.io.OutputLock lock = lid.bench.Outputs.folder(out, "lid reproduce " + exp.name())) {
            return run(exp);
        }
    }

    private int run(Experiment exp) throws java.io.IOException {
        Engine.use(Backends.cpu(threads.get()));
        Budget budget = new Budget(quick, steps, n, points, trials, threads.get());
        Workspace ws = new Workspace(out, System.err);
        Map<String, Object> identity = budget.identity(exp.resolve(budget));
        identity.put("experiment", exp.name());
        checkBudget(ws, identity);
        long start = System.nanoTime();
        System.err.printf(Locale.ROOT, "lid reproduce %s: %s%n", exp.name(), identity);
        String body = exp.run(ws, budget);
        double wall = (System.nanoTime() - start) / 1e9;
        String report = RunInfo.header(exp, identity, commandLine()) + body + RunInfo.footer(ws, wall);
        ws.write(ws.path("report.md"), report);
        System.out.print(report);
        System.err.printf(Locale.ROOT, "report: %s (%.0f s this run; %d cells computed, %d from cache)%n",
                ws.path("report.md"), wall, ws.computedCells(), ws.cachedCells());
        return 0;
    }

    private String commandLine() {
        StringBuilder s = new StringBuilder("./lid reproduce " + name + " --out " + out);
        if (quick) {
            s.append(" --quick");
        }
        if (steps != null) {
            s.append(" --steps ").append(steps);
        }
        if (n != null) {
            s.append(" --n ").append(n);
        }
        if (points != null) {
            s.append(" --points ").append(points);
        }
        if (trials != null) {
            s.append(" --trials ").append(trials);
        }
        return s.toString();
    }

    /** The first run records the budget; later runs into the same folder must use the same one. */
    private static void checkBudget(Workspace ws, Map<String, Object> identity) throws IOException {
        Path f = ws.path("budget.json");
        JsonNode want = Workspace.JSON.valueToTree(identity);
        if (Files.exists(f)) {
            ObjectNode have = (ObjectNode) Workspace.JSON.readTree(f.toFile());
            have.remove("created"); // when, not what
            if (!have.equals(want)) {
                throw new IllegalArgumentException(ws.root() + " holds results made with " + have + "; this run asks for "
                        + want + ". Rerun with the same options to resume, or choose a new --out");
            }
            return;
        }
        ObjectNode o = ((ObjectNode) want).deepCopy();
        o.put("created", Instant.now().toString());
        ws.write(f, o.toPrettyString() + "\n");
    }
}
