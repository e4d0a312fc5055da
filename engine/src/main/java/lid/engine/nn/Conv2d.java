package lid.engine.nn;

import lid.engine.Conv;
import lid.engine.Tensor;

/** 2-D convolution, NCHW, square kernel; PyTorch's init U(+-1/sqrt(in*k*k)). */
public final class Conv2d extends Module {
    public final int stride;
    public final int padding;
    public final Tensor weight;
    public final Tensor bias;

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
        return Conv.conv2d(x, weight, bias, stride, padding);
    }
}
