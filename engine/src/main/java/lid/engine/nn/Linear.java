package lid.engine.nn;

import lid.engine.Linalg;
import lid.engine.QLinear;
import lid.kernels.QuantizedMatrix;
import lid.kernels.WeightFormat;
import lid.engine.Tensor;

/** y = x W^T + b with W [out, in]; PyTorch's init U(+-1/sqrt(in)) for W and b. */
public final class Linear extends Module implements QuantizableLayer {
    public final int in;
    public final int out;
    public final Tensor weight;
    public final Tensor bias;

    public Linear(int in, int out, boolean bias, long seed, long stream) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear needs positive sizes, got in=" + in + " out=" + out);
        }
        this.in = in;
        this.out = out;
        float bound = (float) (1.0 / Math.sqrt(in));
        this.weight = param("weight", () -> Init.uniform(bound, seed, 2 * stream, out, in));
        this.bias = bias ? param("bias", () -> Init.uniform(bound, seed, 2 * stream + 1, out)) : null;
    }

    /** Non-null after {@link #quantize}: the forward pass then uses the quantized weights. */
    private QuantizedMatrix quantized;

    @Override
    public Tensor forward(Tensor x) {
        return quantized != null ? QLinear.apply(x, quantized, bias) : Linalg.linear(x, weight, bias);
    }

    @Override
    public Tensor weight() {
        return weight;
    }

    /**
     * Stores the weight in {@code format} from now on (post-training quantization); the layer
     * stays differentiable in its input (weights are then frozen). F32 undoes it.
     */
    @Override
    public void quantize(WeightFormat format) {
        quantized = format == WeightFormat.F32 ? null
                : QuantizedMatrix.quantize(format, out, in, weight.data(), weight.offset());
    }

    @Override
    public void setQuantized(QuantizedMatrix q) {
        quantized = q;
    }

    /** The quantized weight, or null when the layer runs in float32. */
    @Override
    public QuantizedMatrix quantized() {
        return quantized;
    }
}
