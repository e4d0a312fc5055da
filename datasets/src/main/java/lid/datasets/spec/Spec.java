package lid.datasets.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One parsed dataset SPEC {@code name:key=value,key=value} (DESIGN.md): the generator name and
 * the given parameters in the order they were written (values are still text).
 */
public record Spec(String name, Map<String, String> params) {
    public Spec {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The canonical text of this spec, e.g. {@code sphere:d=16,D=64}. */
    @Override
    public String toString() {
        if (params.isEmpty()) {
            return name;
        }
        return name + ":" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
