package lid.engine.nn;

import lid.engine.Conv;
import lid.engine.QConv;
import lid.engine.Tensor;
import lid.kernels.QuantizedMatrix;
import lid.kernels.WeightFormat;

/** 2-D convolution, NCHW, square kernel; PyTorch's init U(+-1/sqrt(in*k*k)). */
public final class Conv2d extends Module implements QuantizableLayer {
    public final int stride;
    public final int padding;
    public final Tensor weight;
    public final Tensor bias;

    /** Non-null after {@link #quantize}: W as an [out, in*k*k] matrix in a compact format. */
    private QuantizedMatrix quantized;

    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias, long seed, long stream) {
        if (in <= 0 || out <= 0 || kernel <= 0) {
            throw new IllegalArgumentException("Conv2d needs positive sizes, got in=" + in + " out=" + out + " kernel=" + kernel);
        }
        this.stride = stride;
        this.padding = padding;
        float bound = (float) (1.0 / Math.sqrt(in * kernel * kernel));
        this.weight = param("weight", () -> Init.uniform(bound, seed, 2 * stream, out, in, kernel, kernel));
        this.bias = bias ? param("bias", () -> Init.uniform(bound, seed, 2 * stream + 1, out)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return quantized != null ? QConv.conv2d(x, quantized, weight.dim(2), weight.dim(3), bias, stride, padding)
                : Conv.conv2d(x, weight, bias, stride, padding);
    }

    @Override
    public Tensor weight() {
        return weight;
    }

    /** Stores the weight in {@code format} (post-training; the weight is then frozen); F32 undoes it. */
    @Override
    public void quantize(WeightFormat format) {
        quantized = format == WeightFormat.F32 ? null
                : QuantizedMatrix.quantize(format, weight.dim(0), weight.size() / weight.dim(0), weight.data(), weight.offset());
    }

    @Override
    public void setQuantized(QuantizedMatrix q) {
        quantized = q;
    }

    @Override
    public QuantizedMatrix quantized() {
        return quantized;
    }
}
