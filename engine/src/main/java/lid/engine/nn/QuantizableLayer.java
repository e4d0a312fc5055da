package lid.engine.nn;

import lid.engine.Tensor;
import lid.kernels.QuantizedMatrix;
import lid.kernels.WeightFormat;

/**
 * A layer whose weight can be stored quantized after training (Linear, Conv2d). The weight is
 * seen as a matrix [rows = out features, cols = the product of the other dimensions]; the
 * bias stays float32. A quantized layer stays differentiable in its input (forward, VJP, JVP)
 * but its weight is frozen.
 */
public interface QuantizableLayer {
    /** The float32 weight parameter (after {@link #useQuantized}, the dequantized values). */
    Tensor weight();

    /** Stores the weight in {@code format} from now on, quantized from the float32 weight; F32 undoes it. */
    void quantize(WeightFormat format);

    /**
     * Uses stored quantized weights (e.g. read from a checkpoint) and writes their dequantized
     * values into {@link #weight()}, so the float weight always shows what the layer computes.
     */
    default void useQuantized(QuantizedMatrix q) {
        Tensor w = weight();
        int rows = w.dim(0), cols = w.size() / rows;
        if (q.rows() != rows || q.cols() != cols) {
            throw new IllegalArgumentException("quantized weight is " + q.rows() + "x" + q.cols() + ", the layer needs "
                    + rows + "x" + cols);
        }
        float[] deq = q.dequantize();
        System.arraycopy(deq, 0, w.data(), w.offset(), deq.length);
        setQuantized(q);
    }

    /** Installs q as the layer's weight storage (shape already checked); null returns to float32. */
    void setQuantized(QuantizedMatrix q);

    /** The quantized weight, or null when the layer runs in float32. */
    QuantizedMatrix quantized();

    /** The weight format the layer runs in. */
    default WeightFormat format() {
        return quantized() == null ? WeightFormat.F32 : quantized().format();
    }

    /** Bytes of weight storage in the current format. */
    default long weightBytes() {
        return quantized() == null ? 4L * weight().size() : quantized().weightBytes();
    }
}
