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
 * @param structural     true when the manifold itself is random (embeddings, frames, flow weights,
 *                       bases): those draws come from the SPEC's instance, never from the seed
 * @param sampler        the code
 */
public record GeneratorInfo(String name, String summary, String lid, List<ParamInfo> params,
                            Map<String, String> commonDefaults, boolean structural, Sampler sampler) {
    public GeneratorInfo {
        params = List.copyOf(params);
        commonDefaults = Map.copyOf(commonDefaults);
    }

    /** A generator whose manifold has random parts (drawn from {@code instance}). */
    public GeneratorInfo(String name, String summary, String lid, List<ParamInfo> params,
                         Map<String, String> commonDefaults, Sampler sampler) {
        this(name, summary, lid, params, commonDefaults, true, sampler);
    }

    public GeneratorInfo(String name, String summary, String lid, List<ParamInfo> params, Sampler sampler) {
        this(name, summary, lid, params, Map.of(), true, sampler);
    }

    /** A generator whose manifold is fixed by its parameters (only the sample is random). */
    public GeneratorInfo(String name, String summary, String lid, List<ParamInfo> params,
                         Map<String, String> commonDefaults, SampleOnly sampler) {
        this(name, summary, lid, params, commonDefaults, false, (p, n, instance, sample) -> sampler.sample(p, n, sample));
    }

    public GeneratorInfo(String name, String summary, String lid, List<ParamInfo> params, SampleOnly sampler) {
        this(name, summary, lid, params, Map.of(), sampler);
    }

    /**
     * Draws n points (n >= 1). Everything random about the manifold comes from {@code instance}
     * (drawn in the same order whatever n is, so one instance is one manifold); the points'
     * own randomness (latents, labels) comes from {@code sample}, laid out so that point i reads
     * the same numbers whatever n is.
     */
    @FunctionalInterface
    public interface Sampler {
        Points sample(Params params, int n, Rng instance, Rng sample);
    }

    /** A generator without structural randomness: only the sample is drawn. */
    @FunctionalInterface
    public interface SampleOnly {
        Points sample(Params params, int n, Rng sample);
    }

    /** True when the generator takes the ambient dimension D as its own parameter. */
    public boolean ownsD() {
        return params.stream().anyMatch(p -> p.name().equals("D"));
    }
}
