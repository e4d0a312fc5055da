package lid.models;

import lid.datasets.ImageShape;
import lid.engine.Tensor;
import lid.engine.nn.Module;
import lid.engine.nn.Quantization;
import lid.kernels.WeightFormat;
import lid.models.nets.ScoreNet;
import lid.models.noise.NoiseProcess;
import lid.models.params.Conversions;
import lid.models.params.Parameterization;

/**
 * A network with what it needs to be read as a diffusion model: its resolved ARCH, the noise
 * process it was trained for and what it predicts. eps_hat goes through {@link Conversions}.
 *
 * @param image the image layout of the data rows, or null
 */
public record TrainedModel(String arch, ScoreNet net, NoiseProcess process, Parameterization parameterization,
                           ImageShape image) implements DiffusionModel {
    @Override
    public int dim() {
        return net.dim();
    }

    /** The raw network output (in its own parameterisation). */
    public Tensor output(Tensor x, Tensor t) {
        return net.forward(x, t);
    }

    @Override
    public Tensor epsHat(Tensor x, Tensor t) {
        return Conversions.epsHat(parameterization, process, net.forward(x, t), x, t);
    }

    @Override
    public String describe() {
        String weights = net instanceof Module m && Quantization.format(m) != WeightFormat.F32
                ? ", " + Quantization.format(m).tag() + " weights" : "";
        return arch + " (" + parameterization.id() + "-prediction, " + process.spec() + weights + ")";
    }
}
