package lid.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lid.datasets.ImageShape;
import lid.engine.Arena;
import lid.engine.Tensor;
import lid.engine.io.Safetensors;
import lid.models.nets.Architectures;
import lid.models.nets.ScoreNet;
import lid.models.noise.NoiseProcess;
import lid.models.noise.NoiseProcesses;
import lid.models.params.Parameterization;

/**
 * Model checkpoints: one safetensors file that rebuilds the model by itself. Layout:
 * <ul>
 *   <li>the inference weights (EMA when training used it) under the network's dotted names,
 *       readable from Python with {@code safetensors.torch.load_file};</li>
 *   <li>training state under {@code optimizer/}: Adam moments and, with EMA, the raw weights
 *       ({@code optimizer/raw/NAME}) that training continues from;</li>
 *   <li>string metadata: {@code format}, {@code arch} (the resolved ARCH), {@code dim},
 *       {@code image} (CxHxW or absent), {@code process} (its SPEC), {@code param}, {@code step},
 *       and the training run's settings.</li>
 * </ul>
 */
public final class ModelFiles {
    private ModelFiles() {}

    public static final String FORMAT = "lid-engine-model/1";
    public static final String RAW_PREFIX = "optimizer/raw/";
    public static final String OPTIMIZER_PREFIX = "optimizer/";

    /** A checkpoint as read: the model (inference weights loaded), its metadata and every stored tensor. */
    public record Loaded(TrainedModel model, Map<String, String> metadata, Map<String, Tensor> tensors) {}

    /** The metadata every checkpoint carries for a model. */
    public static Map<String, String> describe(TrainedModel m) {
        Map<String, String> md = new LinkedHashMap<>();
        md.put("format", FORMAT);
        md.put("arch", m.arch());
        md.put("dim", Integer.toString(m.dim()));
        if (m.image() != null) {
            md.put("image", m.image().channels() + "x" + m.image().height() + "x" + m.image().width());
        }
        md.put("process", m.process().spec());
        md.put("param", m.parameterization().id());
        return md;
    }

    /**
     * Writes atomically (a temporary file renamed into place): weights under the network's names
     * (values from {@code weights}, same order), extra tensors as given, and metadata.
     */
    public static void save(Path path, TrainedModel model, Map<String, Tensor> weights, Map<String, Tensor> extra,
                            Map<String, String> metadata) throws IOException {
        Map<String, Tensor> all = new LinkedHashMap<>(weights);
        all.putAll(extra);
        Map<String, String> md = describe(model);
        md.putAll(metadata);
        Safetensors.write(path, all, md);
    }

    /** Saves a model's current weights with no training state. */
    public static void save(Path path, TrainedModel model, Map<String, String> metadata) throws IOException {
        save(path, model, model.net().namedParameters(), Map.of(), metadata);
    }

    /** The model of a checkpoint with its inference weights; errors name the file and what is wrong. */
    public static TrainedModel load(Path path) {
        return read(path).model();
    }

    public static Loaded read(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("model file not found: " + path);
        }
        Safetensors.Contents c;
        try {
            c = Safetensors.read(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file not found: " + path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + path + ": " + e.getMessage(), e);
        }
        Map<String, String> md = c.metadata();
        if (!md.containsKey("arch") || !md.containsKey("process") || !md.containsKey("dim")) {
            throw new IllegalArgumentException(path + " is not a lid-engine model checkpoint (its metadata lacks arch, process "
                    + "or dim; found keys " + md.keySet() + ")");
        }
        int dim;
        try {
            dim = Integer.parseInt(md.get("dim"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + ": bad dim '" + md.get("dim") + "' in metadata");
        }
        ImageShape image = md.containsKey("image") ? parseImage(md.get("image"), path) : null;
        NoiseProcess process = NoiseProcesses.parse(md.get("process"));
        Parameterization param = Parameterization.parse(md.getOrDefault("param", "eps"));
        ScoreNet net = Arena.unscoped(() -> Architectures.build(md.get("arch"),
                new Architectures.Context(dim, image, null, process, 0)));
        Map<String, Tensor> tensors = Arena.unscoped(c::floatTensors);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (String name : net.namedParameters().keySet()) {
            Tensor w = tensors.get(name);
            if (w == null) {
                throw new IllegalArgumentException(path + " lacks weight '" + name + "' of " + md.get("arch"));
            }
            weights.put(name, w);
        }
        try {
            ((lid.engine.nn.Module) net).loadParameters(weights);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + " does not fit " + md.get("arch") + ": " + e.getMessage(), e);
        }
        return new Loaded(new TrainedModel(md.get("arch"), net, process, param, image), md, tensors);
    }

    private static ImageShape parseImage(String s, Path path) {
        String[] p = s.split("x");
        try {
            return new ImageShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path + ": bad image shape '" + s + "' in metadata (expected CxHxW)");
        }
    }
}
