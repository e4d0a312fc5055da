package lid.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lid.datasets.ImageShape;
import lid.engine.Arena;
import lid.engine.Tensor;
import lid.engine.io.QuantizedTensors;
import lid.engine.io.Safetensors;
import lid.engine.nn.Module;
import lid.engine.nn.QuantizableLayer;
import lid.engine.nn.Quantization;
import lid.kernels.QuantizedMatrix;
import lid.kernels.WeightFormat;
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
 *       and the training run's settings;</li>
 *   <li>for a quantized model ({@code lid quantize}), Linear/Conv2d weights in their format and
 *       the keys {@code weight_format}, {@code quant_block}, {@code quantized_tensors}
 *       ({@link QuantizedTensors}).</li>
 * </ul>
 * A directory stands for its {@value #DIR_FILE} (see {@link #resolve}).
 */
public final class ModelFiles {
    private ModelFiles() {}

    public static final String FORMAT = "lid-engine-model/1";
    public static final String RAW_PREFIX = "optimizer/raw/";
    public static final String OPTIMIZER_PREFIX = "optimizer/";
    /** The checkpoint file inside a model directory (e.g. what {@code lid quantize --out DIR} writes). */
    public static final String DIR_FILE = "model.safetensors";

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

    /**
     * Saves a model's current weights with no training state; quantized layers are stored in
     * their format ({@link QuantizedTensors}), the rest as F32.
     */
    public static void save(Path path, TrainedModel model, Map<String, String> metadata) throws IOException {
        Module net = (Module) model.net();
        Map<String, QuantizableLayer> layers = Quantization.layers(net);
        Map<String, Safetensors.RawTensor> raw = new LinkedHashMap<>();
        List<String> quantized = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : net.namedParameters().entrySet()) {
            QuantizableLayer l = layers.get(e.getKey());
            if (l != null && l.quantized() != null) {
                raw.putAll(QuantizedTensors.encode(e.getKey(), l.quantized(), e.getValue().shape()));
                quantized.add(e.getKey());
            } else {
                raw.put(e.getKey(), Safetensors.toRaw(e.getValue()));
            }
        }
        Map<String, String> md = describe(model);
        md.putAll(metadata);
        md.remove(QuantizedTensors.FORMAT_KEY);
        md.remove(QuantizedTensors.BLOCK_KEY);
        md.remove(QuantizedTensors.TENSORS_KEY);
        if (!quantized.isEmpty()) {
            md.put(QuantizedTensors.FORMAT_KEY, Quantization.format(net).tag());
            md.put(QuantizedTensors.BLOCK_KEY, Integer.toString(WeightFormat.BLOCK));
            md.put(QuantizedTensors.TENSORS_KEY, String.join(",", quantized));
        }
        Safetensors.writeRaw(path, raw, md);
    }

    /**
     * The checkpoint file a path names: the file itself, or in a directory its
     * {@value #DIR_FILE} (else its only .safetensors file).
     */
    public static Path resolve(Path path) {
        if (!Files.isDirectory(path)) {
            return path;
        }
        Path main = path.resolve(DIR_FILE);
        if (Files.isRegularFile(main)) {
            return main;
        }
        List<Path> found;
        try (var list = Files.list(path)) {
            found = list.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list model directory " + path + ": " + e.getMessage(), e);
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        throw new IllegalArgumentException("model directory " + path + " has no " + DIR_FILE + (found.isEmpty()
                ? " and no other .safetensors file" : " but several .safetensors files " + found.stream()
                .map(p -> p.getFileName().toString()).toList()) + "; pass the checkpoint file itself");
    }

    /** The model of a checkpoint with its inference weights; errors name the file and what is wrong. */
    public static TrainedModel load(Path path) {
        return read(path).model();
    }

    public static Loaded read(Path given) {
        Path path = resolve(given);
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
        String format = md.get("format");
        if (format != null && !format.equals(FORMAT)) {
            throw new IllegalArgumentException(path + " is a checkpoint of format '" + format + "'; this version of lid-engine "
                    + "reads '" + FORMAT + "'");
        }
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
        Map<String, QuantizedMatrix> quantized = quantizedWeights(path, c, (Module) net);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> p : net.namedParameters().entrySet()) {
            String name = p.getKey();
            QuantizedMatrix q = quantized.get(name);
            Tensor w = q != null ? Arena.unscoped(() -> Tensor.of(q.dequantize(), p.getValue().shape())) : tensors.get(name);
            if (w == null) {
                throw new IllegalArgumentException(path + " lacks weight '" + name + "' of " + md.get("arch"));
            }
            weights.put(name, w);
        }
        try {
            ((Module) net).loadParameters(weights);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + " does not fit " + md.get("arch") + ": " + e.getMessage(), e);
        }
        Map<String, QuantizableLayer> layers = Quantization.layers((Module) net);
        quantized.forEach((name, q) -> layers.get(name).setQuantized(q));
        return new Loaded(new TrainedModel(md.get("arch"), net, process, param, image), md, tensors);
    }

    /** The quantized weights the metadata lists, decoded; each must be a Linear or Conv2d weight of the net. */
    private static Map<String, QuantizedMatrix> quantizedWeights(Path path, Safetensors.Contents c, Module net) {
        Map<String, String> md = c.metadata();
        Map<String, QuantizedMatrix> out = new LinkedHashMap<>();
        String list = md.get(QuantizedTensors.TENSORS_KEY);
        if (list == null || list.isBlank()) {
            return out;
        }
        WeightFormat format;
        try {
            format = WeightFormat.parse(md.getOrDefault(QuantizedTensors.FORMAT_KEY, ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": metadata " + QuantizedTensors.FORMAT_KEY + ": " + e.getMessage());
        }
        String block = md.getOrDefault(QuantizedTensors.BLOCK_KEY, Integer.toString(WeightFormat.BLOCK));
        if (!block.equals(Integer.toString(WeightFormat.BLOCK))) {
            throw new IllegalArgumentException(path + " uses quantization blocks of " + block + "; this engine reads blocks of "
                    + WeightFormat.BLOCK + " only");
        }
        Map<String, QuantizableLayer> layers = Quantization.layers(net);
        for (String name : list.split(",")) {
            QuantizableLayer l = layers.get(name);
            if (l == null) {
                throw new IllegalArgumentException(path + " lists '" + name + "' as quantized, but in " + md.get("arch")
                        + " it is not a Linear or Conv2d weight (quantizable: " + layers.keySet() + ")");
            }
            try {
                out.put(name, QuantizedTensors.decode(name, c.tensors(), l.weight().shape(), format));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
        }
        return out;
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
