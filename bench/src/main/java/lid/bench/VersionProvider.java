package lid.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code lid --version}: the build version plus the JVM and SIMD width it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/lid-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {
            "lid-engine " + p.getProperty("version", "unknown"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
            "CPU backend: " + lid.kernels.Backends.describeCpu(),
        };
    }
}
