package lid.engine;

import lid.kernels.Backends;
import lid.kernels.opencl.OpenCl;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the engine's tests on another backend when asked: {@code -Dlid.test.kernels=shadow}
 * (the device test double, finds missing host/device syncs) or {@code =opencl} (the first
 * OpenCL device). Registered for every test class through JUnit's extension auto-detection
 * (src/test/resources); without the property it does nothing.
 */
public final class TestBackend implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        String which = System.getProperty("lid.test.kernels", "");
        switch (which) {
            case "" -> { }
            case "shadow" -> {
                if (!(Engine.kernels() instanceof ShadowKernels)) {
                    Engine.use(new ShadowKernels(Backends.cpu(0)));
                }
            }
            case "opencl" -> {
                if (!Engine.kernels().name().equals("opencl")) {
                    Engine.use(OpenCl.open(0));
                }
            }
            default -> throw new IllegalArgumentException("lid.test.kernels must be shadow or opencl, got '" + which + "'");
        }
    }
}
