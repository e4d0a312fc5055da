package lid.bench.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The report's header (what, command, build, machine) and footer (wall time over all runs). */
final class RunInfo {
    private RunInfo() {}

    static String header(Experiment exp, Map<String, Object> budget, String command) {
        StringBuilder s = new StringBuilder();
        s.append("# lid reproduce ").append(exp.name()).append("\n\n").append(exp.summary()).append(".\n\n");
        s.append("- Command: `").append(command).append("`\n");
        s.append("- Budget: ").append(budget).append('\n');
        s.append("- Build: lid-engine ").append(version()).append(", commit ").append(commit()).append('\n');
        s.append("- Machine: ").append(machine()).append('\n');
        s.append("- Date: ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
        return s.toString();
    }

    static String footer(Workspace ws, double wallThisRun) {
        double total = 0;
        int cells = 0;
        try (Stream<Path> files = Files.list(ws.path("cells"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode n = Workspace.JSON.readTree(p.toFile());
                total += n.path("cell_seconds").asDouble(0);
                cells++;
            }
        } catch (IOException e) {
            total = Double.NaN;
        }
        return String.format(Locale.ROOT, "%n---%nCompute time of all %d cells: %s (summed over every run into this folder); "
                + "this invocation: %s.%n", cells, Workspace.eta(total), Workspace.eta(wallThisRun));
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = RunInfo.class.getResourceAsStream("/lid-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /** The git commit of the working directory (with -dirty), or "unknown" outside a checkout. */
    static String commit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=10").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && !s.isEmpty() ? s : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux: keep the generic name
        }
        return String.format(Locale.ROOT, "%s, %d cores, %s %s, Java %s, %s", cpu, Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version(), lid.kernels.Backends.describeCpu());
    }
}
