package lid.kernels;

import java.util.function.Consumer;

/** A kernel call with a bad argument, which every backend must reject naming {@code argument}. */
record BadCall(String what, String argument, Consumer<Kernels> call) {
    @Override
    public String toString() {
        return what;
    }
}
