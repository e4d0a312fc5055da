package lid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lid.engine.nn.Module;
import lid.engine.nn.QuantizableLayer;
import lid.engine.nn.Quantization;
import lid.kernels.WeightFormat;
import lid.kernels.io.AtomicFiles;
import lid.models.ModelFiles;
import lid.models.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lid quantize --to q8|q4|bf16|f16|f32 --model CKPT|DIR --out DIR|FILE.safetensors}. */
@Command(name = "quantize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Store a trained model's weights in a smaller format (post-training quantization) and write a "
                + "checkpoint that every estimator, 'lid sample' and 'lid estimate --model' load as it is.",
            "Quantized: the weight of every Linear and Conv2d layer (as a [out, in*kh*kw] matrix). Kept float32: biases, "
                + "layer/group norms, embeddings and other parameters (e.g. MoLRG bases). Activations stay float32; "
                + "the kernels dequantize weights inside the products.",
            "Formats: bf16 and f16 (2 bytes/weight), q8 (int8 in blocks of 32 with a float32 scale, 1.125 bytes), "
                + "q4 (int4 in blocks of 32 with a float32 scale, 0.625 bytes), f32 (undo: the dequantized weights). "
                + "Layouts: docs/quantization.md.",
            "Training state (optimizer moments) is not copied: a quantized checkpoint is for inference."})
final class QuantizeCommand implements Callable<Integer> {
    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "q8, q4, bf16, f16 or f32")
    String to;

    @Option(names = "--model", required = true, paramLabel = "CKPT|DIR",
            description = "checkpoint from lid train (or a directory holding model.safetensors)")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR|FILE.safetensors",
            description = "output directory (gets model.safetensors and quantization.json), or a .safetensors file")
    Path out;

    @Option(names = "--keep", split = ",", paramLabel = "NAME",
            description = "weights to keep float32, by name or dotted prefix (e.g. net.4 for the output layer); "
                    + "names are listed in quantization.json")
    List<String> keep = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        WeightFormat format = WeightFormat.parse(to);
        Path src = ModelFiles.resolve(model);
        Path file = out.getFileName() != null && out.getFileName().toString().endsWith(".safetensors")
                ? out : out.resolve(ModelFiles.DIR_FILE);
        if (Files.exists(file) && Files.isSameFile(file, src)) {
            throw new IllegalArgumentException("--out " + out + " would overwrite the input checkpoint; choose another directory");
        }
        try (lid.kernels.io.OutputLock lock = file.equals(out) ? Outputs.file(out, "lid quantize", Outputs.Kind.CHECKPOINT)
                : Outputs.folder(out, "lid quantize")) {
            if (!file.equals(out) && Files.exists(file) && !Outputs.isCheckpoint(file)) {
                throw new IllegalArgumentException("refusing to overwrite " + file + ": it is not a lid checkpoint");
            }
            return quantize(format, src, file);
        }
    }

    private int quantize(WeightFormat format, Path src, Path file) throws IOException {
        ModelFiles.Loaded loaded = ModelFiles.read(src);
        TrainedModel m = loaded.model();
        if (!(m.net() instanceof Module net)) {
            throw new IllegalArgumentException(m.arch() + " is not a module network; nothing to quantize");
        }
        Map<String, QuantizableLayer> layers = Quantization.layers(net);
        for (String k : keep) {
            if (layers.keySet().stream().noneMatch(n -> matches(n, k))) {
                throw new IllegalArgumentException("--keep " + k + " matches no quantizable weight; they are " + layers.keySet());
            }
        }
        WeightFormat before = Quantization.format(net);
        if (before != WeightFormat.F32 && format != WeightFormat.F32) {
            System.err.printf(Locale.ROOT, "note: %s already holds %s weights; quantizing their dequantized values to %s adds "
                    + "the two rounding errors (quantize the float32 checkpoint for the best %s)%n", src, before.tag(),
                    format.tag(), format.tag());
        }
        long bytesBefore = Quantization.parameterBytes(net);
        int n = Quantization.quantize(net, format, name -> keep.stream().anyMatch(k -> matches(name, k)));
        Map<String, String> md = new LinkedHashMap<>(loaded.metadata());
        md.keySet().removeIf(k -> k.startsWith("optimizer"));
        md.put("quantized_from", src.toString());
        ModelFiles.save(file, m, md);
        long bytesAfter = Quantization.parameterBytes(net);
        if (!file.equals(out)) {
            writeReport(out.resolve("quantization.json"), src, format, net, layers, bytesBefore, bytesAfter);
        }
        System.out.printf(Locale.ROOT, "%s: %d of %d Linear/Conv2d weights in %s; parameters %s -> %s (%.2fx smaller); "
                        + "wrote %s%n", m.arch(), n, layers.size(), format.tag(), EstimateCommand.bytes(bytesBefore),
                EstimateCommand.bytes(bytesAfter), bytesBefore / (double) bytesAfter, file);
        return 0;
    }

    private static boolean matches(String weight, String key) {
        return weight.equals(key) || weight.startsWith(key.endsWith(".") ? key : key + ".");
    }

    /** Per layer: format, shape, bytes and the round-trip error of its weight (max and RMS relative to the RMS weight). */
    private static void writeReport(Path path, Path src, WeightFormat format, Module net, Map<String, QuantizableLayer> layers,
                                    long before, long after) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("source", src.toString());
        root.put("format", format.tag());
        root.put("block", WeightFormat.BLOCK);
        root.put("parameter_bytes_before", before);
        root.put("parameter_bytes_after", after);
        List<Map<String, Object>> rows = new ArrayList<>();
        layers.forEach((name, l) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("weight", name);
            r.put("format", l.format().tag());
            r.put("shape", l.weight().shape());
            r.put("bytes", l.weightBytes());
            float[] w = l.weight().toArray();
            float[] q = l.quantized() == null ? w : l.quantized().dequantize();
            double ss = 0, se = 0, max = 0;
            for (int i = 0; i < w.length; i++) {
                double e = Math.abs(q[i] - w[i]);
                ss += (double) w[i] * w[i];
                se += e * e;
                max = Math.max(max, e);
            }
            double rms = Math.sqrt(ss / w.length);
            r.put("max_abs_error", max);
            r.put("rms_error_relative", rms == 0 ? 0 : Math.sqrt(se / w.length) / rms);
            rows.add(r);
        });
        root.put("layers", rows);
        byte[] json = (new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        try (AtomicFiles files = new AtomicFiles()) {
            files.add(path, o -> o.write(json));
            files.commit();
        }
    }
}
