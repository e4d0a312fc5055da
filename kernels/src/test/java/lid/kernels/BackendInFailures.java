package lid.kernels;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Puts the test's display name (for a parameterised invocation e.g. {@code [6] vector-3, ABS})
 * in front of a failure's message: Maven's reports name an invocation only by its index, and the
 * family tests' messages do not repeat the backend.
 */
public final class BackendInFailures implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof AssertionError) {
            AssertionError named = new AssertionError(context.getDisplayName() + ": " + failure.getMessage(), failure.getCause());
            named.setStackTrace(failure.getStackTrace()); // still points at the failing line
            throw named;
        }
        throw failure;
    }
}
