package lid.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import lid.datasets.generators.GeneratorInfo;
import lid.datasets.generators.GeneratorRegistry;
import lid.datasets.generators.Points;
import lid.datasets.io.DatasetFiles;
import lid.datasets.spec.ParamInfo;
import lid.kernels.MemoryCheck;

/**
 * The entry point of the datasets module: make a dataset from a SPEC
 * ({@code name:key=value,...}, or a union {@code SPEC+SPEC}) or load a user's .npy/.csv file,
 * wherever the command line accepts a dataset.
 */
public final class Datasets {
    private Datasets() {}

    /** The default number of points where a command takes a SPEC. */
    public static final int DEFAULT_N = 10_000;
    /** The default seed. */
    public static final long DEFAULT_SEED = 0;

    /**
     * A dataset from a SPEC or a file path. For a SPEC, n (>= 1) points are drawn with the seed;
     * for a path (ending in .npy or .csv) the file is read, n <= 0 keeps all rows and a smaller n
     * keeps the first n, and the seed is only recorded.
     */
    public static Dataset load(String specOrPath, int n, long seed) {
        if (isFolder(specOrPath)) {
            throw new IllegalArgumentException(specOrPath.strip() + " is a folder; give a data file (PATH.npy or PATH.csv) or a "
                    + "dataset SPEC");
        }
        if (isFile(specOrPath)) {
            try {
                return DatasetFiles.load(Path.of(specOrPath), n, seed);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + specOrPath + ": " + e.getMessage(), e);
            }
        }
        if (existsAsFile(specOrPath)) {
            throw new IllegalArgumentException("cannot read " + specOrPath + ": data files must end with .npy or .csv");
        }
        return generate(specOrPath, n, seed);
    }

    private static boolean isFolder(String s) {
        try {
            return s.contains("/") && Files.isDirectory(Path.of(s.strip()));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static boolean existsAsFile(String s) {
        try {
            return Files.isRegularFile(Path.of(s.strip()));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * A dataset from a SPEC: n >= 1 points, deterministic for the seed (which draws only the sample;
     * the manifold comes from the SPEC's instance). Fails up front, saying how much memory it needs,
     * when n points cannot fit.
     */
    public static Dataset generate(String spec, int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("the number of points must be >= 1, got n=" + n);
        }
        int dim = GeneratorRegistry.standard().dimension(spec);
        String what = String.format(java.util.Locale.ROOT, "%,d points in R^%d", n, dim);
        // the points as float, the generator's working copies and an estimator's double copy
        MemoryCheck.require((double) n * dim * 16, what);
        MemoryCheck.arrayLength((long) n * dim, what);
        Points p = GeneratorRegistry.standard().generate(spec, n, seed);
        return new Dataset(spec.strip(), seed, p.n(), p.dim(), p.x(), p.lid(), p.component(), p.mixture(), p.image());
    }

    /**
     * The canonical text of the distribution a SPEC names (see
     * {@link GeneratorRegistry#canonical}): two SPECs name the same manifold exactly when these are equal.
     */
    public static String canonical(String spec) {
        return GeneratorRegistry.standard().canonical(spec);
    }

    /**
     * The distribution a SPEC or a data file names, in canonical form: a SPEC's canonical text, a
     * file's recorded one (PATH.json of lid datasets generate), or null when unknown (a user's file).
     */
    public static String distribution(String specOrPath) {
        if (isFile(specOrPath)) {
            return DatasetFiles.distribution(Path.of(specOrPath.strip()));
        }
        try {
            return canonical(specOrPath);
        } catch (IllegalArgumentException e) {
            return null; // not a SPEC of this version
        }
    }

    /** True when the argument names a data file (.npy or .csv) rather than a SPEC. */
    public static boolean isFile(String specOrPath) {
        String s = specOrPath.strip().toLowerCase(Locale.ROOT);
        return s.endsWith(".npy") || s.endsWith(".csv");
    }

    /** Every generator, in listing order. */
    public static List<GeneratorInfo> generators() {
        return GeneratorRegistry.standard().generators();
    }

    /** Every key a generator accepts (its own, then the common options). */
    public static List<ParamInfo> parameters(GeneratorInfo generator) {
        return GeneratorRegistry.parameters(generator);
    }

    /** Writes a dataset as PATH.npy + PATH.lid.npy + PATH.component.npy + PATH.json (or PATH.csv + PATH.json). */
    public static void save(Dataset dataset, Path out) {
        try {
            DatasetFiles.save(dataset, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
