package lid.datasets.generators;

import java.util.List;
import java.util.Map;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;

/**
 * A generator as the registry knows it.
 *
 * @param name           the SPEC name (matched case-insensitively)
 * @param summary        what it makes, with its source
 * @param lid            the ground-truth LID in words (e.g. "d", "2 / 1 / 0 (candy / stick / dot)")
 * @param params         its own parameters; a generator that lists "D" places its points in R^D
 *                       itself, otherwise the common option D embeds them
 * @param commonDefaults other defaults for common options (e.g. normalize=true for the score-matching
 *                       presets)
 * @param sampler        the code
 */
public record GeneratorInfo(String name, String summary, String lid, List<ParamInfo> params,
                            Map<String, String> commonDefaults, Sampler sampler) {
    public GeneratorInfo {
        params = List.copyOf(params);
        commonDefaults = Map.copyOf(commonDefaults);
    }

    public GeneratorInfo(String name, String summary, String lid, List<ParamInfo> params, Sampler sampler) {
        this(name, summary, lid, params, Map.of(), sampler);
    }

    /** Draws n points (n >= 1) from the counter-based generator rng. */
    @FunctionalInterface
    public interface Sampler {
        Points sample(Params params, int n, Rng rng);
    }

    /** True when the generator takes the ambient dimension D as its own parameter. */
    public boolean ownsD() {
        return params.stream().anyMatch(p -> p.name().equals("D"));
    }
}
