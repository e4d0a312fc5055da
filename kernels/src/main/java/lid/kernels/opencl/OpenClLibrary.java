package lid.kernels.opencl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether an OpenCL ICD loader library is on this machine, checked before JOCL is touched: when
 * it is missing, JOCL's native code prints its failed attempts to standard output (fd 1), which
 * would corrupt {@code --format json} output. Looks where the dynamic linker looks (LD_LIBRARY_PATH,
 * /etc/ld.so.conf.d, the usual library folders; macOS's framework; Windows's System32).
 * {@code -Dlid.opencl.probe=force} skips the check (a library in an unusual place).
 */
final class OpenClLibrary {
    private OpenClLibrary() {}

    static boolean present() {
        if ("force".equals(System.getProperty("lid.opencl.probe"))) {
            return true;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return Files.exists(Path.of("/System/Library/Frameworks/OpenCL.framework"));
        }
        if (os.contains("win")) {
            String root = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
            return Files.exists(Path.of(root, "System32", "OpenCL.dll"));
        }
        for (Path dir : linuxDirs()) {
            if (Files.exists(dir.resolve("libOpenCL.so.1")) || Files.exists(dir.resolve("libOpenCL.so"))) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> linuxDirs() {
        List<Path> dirs = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        for (String d : new String[] {"/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib", "/usr/local/lib64",
            "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
            "/opt/rocm/lib", "/usr/local/cuda/lib64", "/usr/lib/wsl/lib"}) {
            dirs.add(Path.of(d));
        }
        try (var confs = Files.list(Path.of("/etc/ld.so.conf.d"))) {
            for (Path conf : (Iterable<Path>) confs::iterator) {
                for (String line : Files.readAllLines(conf)) {
                    String l = line.strip();
                    if (l.startsWith("/")) {
                        dirs.add(Path.of(l));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no ld.so.conf.d: the fixed list above
        }
        return dirs;
    }
}
