package lid.models.noise;

import java.util.List;
import java.util.function.Function;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;

/**
 * A noise process as {@code --process SPEC} knows it: the record holds its builder, so adding a
 * process is its class (with a {@code public static final NoiseProcessInfo INFO}) and one line in
 * {@link NoiseProcesses}' list.
 *
 * @param name    the SPEC name
 * @param summary what it is, one line
 * @param params  its options
 * @param builder the process of checked options
 */
public record NoiseProcessInfo(String name, String summary, List<ParamInfo> params, Function<Params, NoiseProcess> builder) {
    public NoiseProcessInfo {
        params = List.copyOf(params);
    }
}
