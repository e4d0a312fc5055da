package lid.models.nets;

import java.util.List;
import java.util.Map;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.models.params.Parameterization;

/**
 * An architecture as {@code --model ARCH} knows it: the record holds its own builder, so adding an
 * architecture is its class (with a {@code public static final ArchitectureInfo INFO}) and one
 * line in {@link Architectures}' list.
 *
 * @param name     the ARCH name
 * @param summary  what it is, one line
 * @param params   its options
 * @param defaults fills the options whose defaults depend on the data (width from D, the image
 *                 shape, MoLRG ranks) into the resolved ARCH a checkpoint records
 * @param builder  builds the network from checked options, the context and the init key
 * @param forced   the parameterisation it always predicts (MoLRG: x0), or null
 */
public record ArchitectureInfo(String name, String summary, List<ParamInfo> params, Defaults defaults, Builder builder,
                               Parameterization forced) {
    public ArchitectureInfo {
        params = List.copyOf(params);
    }

    /** An architecture whose defaults do not depend on the data and that predicts what it is told. */
    public ArchitectureInfo(String name, String summary, List<ParamInfo> params, Builder builder) {
        this(name, summary, params, (p, ctx, resolved) -> { }, builder, null);
    }

    /** Data-dependent defaults: put every option it decides into {@code resolved}. */
    @FunctionalInterface
    public interface Defaults {
        void fill(Params p, Architectures.Context ctx, Map<String, String> resolved);
    }

    /** The network of checked options; {@code key} is the Philox key of its initial weights. */
    @FunctionalInterface
    public interface Builder {
        ScoreNet build(Params p, Architectures.Context ctx, long key);
    }
}
