package lid.engine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lid.engine.Tensor;
import lid.engine.nn.Module;
import lid.engine.optim.Optimizer;

/**
 * A training checkpoint in one safetensors file: the model's parameters under their dotted
 * names, the optimizer's state under "optimizer/..." and string metadata (architecture and
 * training config as JSON, step, ...). Python reads the weights with
 * {@code safetensors.torch.load_file} and ignores the "optimizer/" entries if it likes.
 */
public final class Checkpoint {
    private Checkpoint() {}

    public static final String OPTIMIZER_PREFIX = "optimizer/";
    public static final String STEP_KEY = "step";

    /** Saves atomically; optimizer may be null (weights only). */
    public static void save(Path path, Module model, Optimizer optimizer, Map<String, String> metadata) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(model.namedParameters());
        Map<String, String> md = new LinkedHashMap<>(metadata);
        if (optimizer != null) {
            optimizer.state().forEach((k, v) -> tensors.put(OPTIMIZER_PREFIX + k, v));
            md.put("optimizer_steps", Long.toString(optimizer.steps()));
        }
        Safetensors.write(path, tensors, md);
    }

    /** Loads weights into model (and state into optimizer if not null); returns the metadata. */
    public static Map<String, String> load(Path path, Module model, Optimizer optimizer) throws IOException {
        Safetensors.Contents c = Safetensors.read(path);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, Tensor> state = new LinkedHashMap<>();
        c.floatTensors().forEach((k, v) -> {
            if (k.startsWith(OPTIMIZER_PREFIX)) {
                state.put(k.substring(OPTIMIZER_PREFIX.length()), v);
            } else {
                weights.put(k, v);
            }
        });
        try {
            model.loadParameters(weights);
        } catch (IllegalArgumentException e) {
            throw new IOException(path + " does not fit this model: " + e.getMessage(), e);
        }
        if (optimizer != null) {
            if (state.isEmpty()) {
                throw new IOException(path + " holds no optimizer state (saved weights only); cannot resume training from it");
            }
            long steps = Long.parseLong(c.metadata().getOrDefault("optimizer_steps", "0"));
            optimizer.loadState(state, steps);
        }
        return c.metadata();
    }
}
