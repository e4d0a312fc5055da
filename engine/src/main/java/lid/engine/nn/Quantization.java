package lid.engine.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import lid.engine.Tensor;
import lid.kernels.WeightFormat;

/**
 * Post-training quantization of a whole network: every {@link QuantizableLayer} (Linear and
 * Conv2d weights) by the dotted name of its weight parameter ("net.0.weight"). Biases, norms,
 * embeddings and other parameters stay float32.
 */
public final class Quantization {
    private Quantization() {}

    /** The quantizable layers of a network, keyed by the dotted name of their weight parameter. */
    public static Map<String, QuantizableLayer> layers(Module root) {
        Map<String, QuantizableLayer> out = new LinkedHashMap<>();
        root.namedModules().forEach((path, m) -> {
            if (m instanceof QuantizableLayer q) {
                out.put(path.isEmpty() ? "weight" : path + ".weight", q);
            }
        });
        return out;
    }

    /**
     * Quantizes every layer whose weight name is not {@code keepF32}; returns how many were
     * quantized. F32 returns every layer to float32.
     */
    public static int quantize(Module root, WeightFormat format, Predicate<String> keepF32) {
        int n = 0;
        for (Map.Entry<String, QuantizableLayer> e : layers(root).entrySet()) {
            if (format == WeightFormat.F32 || !keepF32.test(e.getKey())) {
                e.getValue().quantize(format);
                n += format == WeightFormat.F32 ? 0 : 1;
            } else {
                e.getValue().quantize(WeightFormat.F32);
            }
        }
        return n;
    }

    /** Bytes of every parameter as stored: quantized weights in their format, the rest float32. */
    public static long parameterBytes(Module root) {
        Map<String, QuantizableLayer> q = layers(root);
        long bytes = 0;
        for (Map.Entry<String, Tensor> e : root.namedParameters().entrySet()) {
            QuantizableLayer l = q.get(e.getKey());
            bytes += l != null ? l.weightBytes() : 4L * e.getValue().size();
        }
        return bytes;
    }

    /** The single format of the quantized layers, F32 if none is quantized; mixed formats are refused. */
    public static WeightFormat format(Module root) {
        WeightFormat f = WeightFormat.F32;
        for (QuantizableLayer l : layers(root).values()) {
            if (l.format() != WeightFormat.F32) {
                if (f != WeightFormat.F32 && f != l.format()) {
                    throw new IllegalStateException("layers in several weight formats (" + f.tag() + ", " + l.format().tag() + ")");
                }
                f = l.format();
            }
        }
        return f;
    }
}
