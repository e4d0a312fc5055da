package lid.kernels.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenCL C sources (resources next to this class), concatenated into one program. */
final class ClSources {
    private ClSources() {}

    /** common.cl first: the others use its definitions. */
    static final String[] FILES = {"common.cl", "gemm.cl", "elementwise.cl", "reduce.cl", "normalization.cl",
        "convolution.cl", "random.cl", "optimizer.cl", "quant.cl"};

    static String program() {
        StringBuilder s = new StringBuilder();
        for (String f : FILES) {
            s.append("// ---- ").append(f).append('\n').append(read(f)).append('\n');
        }
        return s.toString();
    }

    private static String read(String file) {
        try (InputStream in = ClSources.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("OpenCL source " + file + " is missing from the kernels jar (rebuild with ./mvnw install)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenCL source " + file, e);
        }
    }
}
