package lid.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.datasets.generators.GeneratorInfo;
import lid.datasets.generators.GeneratorRegistry;
import lid.datasets.io.DatasetFiles;
import lid.datasets.spec.ParamInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lid datasets list | generate}: the manifold generators and their files. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List, generate and export the manifold datasets (true LID per point).",
        subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.GenerateCommand.class})
final class DatasetsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code lid datasets list [NAME]}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every generator with its parameters (defaults and meaning), the common options and the SPEC syntax.")
    static final class ListCommand implements Runnable {
        @Parameters(arity = "0..1", paramLabel = "NAME", description = "show only this generator")
        String name;

        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        String format;

        @Override
        public void run() {
            List<GeneratorInfo> gens = name == null ? Datasets.generators() : List.of(find(name));
            switch (format) {
                case "text" -> System.out.print(text(gens, name == null));
                case "json" -> System.out.println(json(gens));
                default -> throw new IllegalArgumentException("unknown --format '" + format + "'; valid: text, json");
            }
        }

        private static GeneratorInfo find(String name) {
            return GeneratorRegistry.standard().find(name);
        }

        static String text(List<GeneratorInfo> gens, boolean preamble) {
            StringBuilder s = new StringBuilder();
            if (preamble) {
                s.append("Dataset SPEC: name or name:key=value,key=value (e.g. sphere:d=16,D=64,embed=rotate);\n")
                        .append("a union of generators is SPEC+SPEC+... (e.g. sphere:d=2+ball:d=3,D=5); lists are dash-separated (dims=2-4-8).\n")
                        .append("A path ending in .npy or .csv loads your own data instead (labels from PATH.lid.npy or a 'lid' column).\n\n");
            }
            for (GeneratorInfo g : gens) {
                s.append(g.name()).append("    LID ").append(g.lid()).append('\n');
                wrap(s, g.summary(), "  ");
                for (ParamInfo p : g.params()) {
                    param(s, p);
                }
                if (!g.commonDefaults().isEmpty()) {
                    s.append("    common-option defaults: ").append(new TreeMap<>(g.commonDefaults()).entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))).append('\n');
                }
                s.append('\n');
            }
            if (preamble) {
                s.append("Common options (every generator; applied in this order: embed, noise, standardize/normalize):\n");
                for (ParamInfo p : lid.datasets.generators.CommonOptions.all()) {
                    param(s, p);
                }
            }
            return s.toString();
        }

        private static void param(StringBuilder s, ParamInfo p) {
            String key = p.defaultValue() == null ? p.name() + " (optional)" : p.name() + "=" + p.defaultValue();
            s.append(String.format(Locale.ROOT, "    %-26s ", key));
            StringBuilder d = new StringBuilder();
            wrap(d, p.description(), " ".repeat(31));
            s.append(d.substring(31));
        }

        /** Appends text word-wrapped at 110 columns, each line indented. */
        private static void wrap(StringBuilder s, String text, String indent) {
            int width = 110;
            StringBuilder line = new StringBuilder(indent);
            for (String word : text.split(" ")) {
                if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                    s.append(line).append('\n');
                    line = new StringBuilder(indent);
                }
                if (line.length() > indent.length()) {
                    line.append(' ');
                }
                line.append(word);
            }
            s.append(line).append('\n');
        }

        private static String json(List<GeneratorInfo> gens) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (GeneratorInfo g : gens) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", g.name());
                m.put("summary", g.summary());
                m.put("lid", g.lid());
                List<Map<String, Object>> params = new ArrayList<>();
                for (ParamInfo p : Datasets.parameters(g)) {
                    Map<String, Object> q = new LinkedHashMap<>();
                    q.put("name", p.name());
                    q.put("default", p.defaultValue());
                    q.put("description", p.description());
                    params.add(q);
                }
                m.put("params", params);
                out.add(m);
            }
            try {
                return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code lid datasets generate SPEC --n N --seed S --out PATH.npy}. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generate a dataset from a SPEC (or convert a .npy/.csv file) and write PATH.npy (float32 [n,D]), "
                    + "PATH.lid.npy (int32 [n], true LID per point), PATH.component.npy (int32 [n]) and PATH.json "
                    + "(spec, seed, n, D, components); with --out PATH.csv: PATH.csv (x0..,lid,component) and PATH.json. "
                    + "The files appear together or not at all.")
    static final class GenerateCommand implements Runnable {
        @Parameters(index = "0", paramLabel = "SPEC", description = "dataset SPEC (see 'lid datasets list') or a .npy/.csv path")
        String spec;

        @Option(names = "--n", paramLabel = "N",
                description = "number of points (default: " + Datasets.DEFAULT_N + " for a SPEC; every row of a file)")
        Integer n;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Datasets.DEFAULT_SEED,
                description = "seed of the sample: another seed draws other points of the same manifold (the manifold "
                        + "itself is the SPEC's instance=K) (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--out", paramLabel = "PATH.npy", required = true, description = "output: PATH.npy or PATH.csv")
        Path out;

        @Option(names = "--overwrite", description = "replace existing files at --out that lid datasets generate did not write")
        boolean overwrite;

        @Override
        public void run() {
            boolean file = Datasets.isFile(spec);
            if (n != null && n <= 0) {
                throw new IllegalArgumentException("--n must be >= 1, got " + n);
            }
            int count = n != null ? n : file ? 0 : Datasets.DEFAULT_N;
            long start = System.nanoTime();
            if (out.toString().isBlank()) {
                throw new IllegalArgumentException("--out is empty; give the output file (PATH.npy or PATH.csv)");
            }
            List<Path> outputs = DatasetFiles.outputs(out);
            for (Path f : outputs) {
                String name = f.getFileName().toString();
                boolean ours = name.endsWith(".json") || Outputs.isKind(f, name.endsWith(".csv") ? Outputs.Kind.DATASET
                        : Outputs.Kind.NPY);
                if (Files.isDirectory(f) || (Files.exists(f) && !ours)) {
                    throw new IllegalArgumentException("refusing to overwrite " + f + ": it is not a file lid datasets generate "
                            + "wrote; choose another --out or move that file away");
                }
            }
            try (lid.kernels.io.OutputLock lock = Outputs.file(outputs.get(0), "lid datasets generate",
                    out.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? Outputs.Kind.DATASET : Outputs.Kind.NPY,
                    overwrite)) {
                Dataset ds = Datasets.load(spec, count, seed);
                Datasets.save(ds, out);
                List<Path> files = DatasetFiles.outputs(out).stream().filter(Files::exists).toList();
                System.out.printf(Locale.ROOT, "wrote %s [%d x %d] float32 and %s (%.2f s)%n", files.get(0), ds.n(), ds.dim(),
                        files.subList(1, files.size()).stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")),
                        (System.nanoTime() - start) / 1e9);
                System.out.println("LID counts: " + lidCounts(ds));
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        private static String lidCounts(Dataset ds) {
            TreeMap<Integer, Integer> counts = new TreeMap<>();
            for (int l : ds.lid()) {
                counts.merge(l, 1, Integer::sum);
            }
            return counts.entrySet().stream()
                    .map(e -> (e.getKey() < 0 ? "unknown" : "LID " + e.getKey()) + ": " + e.getValue())
                    .collect(Collectors.joining(", "));
        }
    }
}
