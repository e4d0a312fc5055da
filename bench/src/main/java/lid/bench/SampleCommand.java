package lid.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.datasets.io.Npy;
import lid.engine.Engine;
import lid.kernels.Backends;
import lid.models.DiffusionModel;
import lid.models.ModelFiles;
import lid.models.noise.NoiseProcess;
import lid.models.noise.NoiseProcesses;
import lid.models.oracles.Oracles;
import lid.models.sample.Sampler;
import lid.models.sample.TwoSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lid sample --model CKPT|oracle --out PATH.npy}: draw samples, plot them, compare them with the data. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw samples from a trained model (or the exact oracle of a dataset) with the reverse SDE "
                + "(Euler-Maruyama) or the probability-flow ODE (Euler, Heun). Writes PATH.npy (float32 [n, D]) and, "
                + "for D = 2 or 3, a scatter plot PATH.png.",
            "With --data, also prints the sliced Wasserstein distance, MMD^2 and nearest-neighbour distances between the samples and a fresh draw of "
                + "the data (seed + 1), next to the same distances between two fresh draws (the sampling floor)."})
final class SampleCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "CKPT|oracle|empirical", description = "checkpoint from 'lid train'; "
            + "oracle (the exact score of a Gaussian dataset) or empirical (the exact score of the data points as a mixture of Diracs)")
    String model;

    @Option(names = "--data", paramLabel = "SPEC|PATH", description = "the data: needed for --model oracle; otherwise compared and drawn")
    String data;

    @Option(names = "--overwrite", description = "replace an existing --out file")
    boolean overwrite;

    @Option(names = "--out", required = true, paramLabel = "PATH.npy", description = "samples, float32 [n, D]")
    Path out;

    @Option(names = "--n", defaultValue = "2000", description = "number of samples (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--sampler", defaultValue = "em", description = "em (reverse SDE), euler or heun (probability-flow ODE) "
            + "(default: ${DEFAULT-VALUE})")
    String sampler;

    @Option(names = "--steps", defaultValue = "500", description = "time steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--t-min", description = "last time (default: the process's, e.g. 1e-3 for vp)")
    Double tMin;

    @Option(names = "--t-max", description = "first time (default: the process's, 1 for vp)")
    Double tMax;

    @Option(names = "--no-denoise", description = "keep the last state instead of its posterior mean E[x0 | x_tmin]")
    boolean noDenoise;

    @Option(names = "--seed", defaultValue = "0", description = "sampling seed; the data draw for --data uses it too (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data-seed", description = "seed the data SPEC was trained with (default: --seed); the comparison draws with it + 1")
    Long dataSeed;

    @Option(names = "--process", description = "noise process of --model oracle|empirical (default: vp); a checkpoint has its own")
    String process;

    @Option(names = "--plot", paramLabel = "PATH.png", description = "scatter plot path (default: PATH.png beside --out for D = 2, 3; 'none' for none)")
    String plot;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Override
    public Integer call() throws IOException {
        if (n <= 0) {
            throw new IllegalArgumentException("--n must be >= 1, got " + n);
        }
        if (steps <= 0) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        threads.get();
        if (out.toString().isBlank()) {
            throw new IllegalArgumentException("--out is empty; give the output file (PATH.npy)");
        }
        if (!out.getFileName().toString().endsWith(".npy")) {
            throw new IllegalArgumentException("--out " + out + " must end with .npy (the samples are written as a .npy array)");
        }
        boolean analytic = model.equalsIgnoreCase("oracle") || model.equalsIgnoreCase("empirical");
        if (process != null && !analytic) {
            throw new IllegalArgumentException("--process applies to --model oracle or empirical only; a checkpoint brings its own "
                    + "noise process");
        }
        Path png = plotPath();
        if (png != null && (Files.isDirectory(png) || (Files.exists(png) && !png.getFileName().toString().endsWith(".png")))) {
            throw new IllegalArgumentException("--plot " + png + " is a folder or a file that is not a .png; give a PNG path or none");
        }
        try (lid.kernels.io.OutputLock lock = Outputs.file(out, "lid sample", Outputs.Kind.NPY, overwrite)) {
            if (png != null && png.toAbsolutePath().getParent() != null) {
                try {
                    Files.createDirectories(png.toAbsolutePath().getParent());
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot create the folder of --plot " + png + ": " + e.getMessage());
                }
            }
            return sample();
        }
    }

    private int sample() throws IOException {
        Engine.use(Backends.cpu(threads.get()));
        long dseed = dataSeed != null ? dataSeed : seed;
        DiffusionModel m;
        Dataset reference = null;
        if (model.equalsIgnoreCase("oracle") || model.equalsIgnoreCase("empirical")) {
            if (data == null) {
                throw new IllegalArgumentException("--model " + model + " needs --data (the dataset whose exact score to use)");
            }
            Dataset ds = load(data, dseed);
            NoiseProcess proc = NoiseProcesses.parse(process == null ? "vp" : process);
            m = model.equalsIgnoreCase("oracle") ? Oracles.analytic(ds, proc) : Oracles.empirical(ds, proc);
        } else {
            m = ModelFiles.load(Path.of(model));
        }
        if (data != null) {
            reference = load(data, dseed + 1);
            if (reference.dim() != m.dim()) {
                throw new IllegalArgumentException("the dataset " + data + " has D = " + reference.dim() + " but the model "
                        + model + " has D = " + m.dim());
            }
        }
        Sampler.Method method = Sampler.Method.parse(sampler);
        Sampler.Options defaults = Sampler.Options.defaults(m.process(), method, steps, seed);
        Sampler.Options o = new Sampler.Options(method, steps, tMin != null ? tMin : defaults.tMin(),
                tMax != null ? tMax : defaults.tMax(), !noDenoise, seed, defaults.chunk());
        String what = String.format(Locale.ROOT, "%,d samples in R^%d (--n %d)", n, m.dim(), n);
        lid.kernels.MemoryCheck.require((double) n * m.dim() * 12, what);
        lid.kernels.MemoryCheck.arrayLength((long) n * m.dim(), what);
        long start = System.nanoTime();
        float[] x = Sampler.sample(m, n, o);
        double secs = (System.nanoTime() - start) / 1e9;
        writeNpy(out, x, n, m.dim());
        System.out.printf(Locale.ROOT, "wrote %s [%d x %d]: %s, %s %d steps, t %s -> %s (%.1f s)%n", out, n, m.dim(),
                m.describe(), method.id(), steps, o.tMax(), o.tMin(), secs);
        if (reference != null && Datasets.isFile(data)) {
            System.out.println("(no comparison with the data: a file has no fresh draws to compare with; give a SPEC)");
        } else if (reference != null) {
            int k = Math.min(n, reference.n());
            Dataset floor = load(data, dseed + 2);
            double sw = TwoSample.slicedWasserstein(x, k, reference.x(), k, m.dim(), 64, 1);
            double swFloor = TwoSample.slicedWasserstein(floor.x(), k, reference.x(), k, m.dim(), 64, 1);
            int km = Math.min(k, 2000);
            double mmd = TwoSample.mmd2(x, km, reference.x(), km, m.dim());
            double mmdFloor = TwoSample.mmd2(floor.x(), km, reference.x(), km, m.dim());
            double precision = TwoSample.meanNearestDistance(x, k, reference.x(), k, m.dim());
            double recall = TwoSample.meanNearestDistance(reference.x(), k, x, k, m.dim());
            double nnFloor = TwoSample.meanNearestDistance(floor.x(), k, reference.x(), k, m.dim());
            System.out.printf(Locale.ROOT, "vs a fresh draw of the data (%d points; in brackets: another fresh draw of the data, "
                            + "the sampling floor):%n  sliced W1 %.4f [%.4f]  MMD^2 %.5f [%.5f]  NN distance samples->data %.4f, "
                            + "data->samples %.4f [%.4f]%n", k, sw, swFloor, mmd, mmdFloor, precision, recall, nnFloor);
        }
        Path png = plotPath();
        if (png != null && (m.dim() == 2 || m.dim() == 3)) {
            lid.kernels.io.AtomicFiles.cleanStale(png);
            ScatterPlot.write(png, n + " samples of " + (model.equalsIgnoreCase("oracle") ? "the oracle" : Path.of(model).getFileName()), x, n, reference == null ? null : reference.x(),
                    reference == null ? 0 : Math.min(reference.n(), n), m.dim());
            System.out.println("wrote " + png);
        }
        return 0;
    }

    private Path plotPath() {
        if (plot != null) {
            return plot.equalsIgnoreCase("none") ? null : Path.of(plot);
        }
        String name = out.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return out.resolveSibling(base + ".png");
    }

    private Dataset load(String spec, long s) {
        try {
            return Datasets.load(spec, Datasets.isFile(spec) ? 0 : Math.max(n, 1), s);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void writeNpy(Path path, float[] x, int rows, int dim) throws IOException {
        try (lid.kernels.io.AtomicFiles files = new lid.kernels.io.AtomicFiles()) {
            files.add(path, os -> Npy.writeFloat32(os, x, rows, dim));
            files.commit();
        }
    }
}
