package lid.bench;

import java.util.Locale;
import lid.datasets.spec.ParamInfo;
import lid.models.nets.Architectures;
import lid.models.noise.NoiseProcesses;

/** The text of {@code lid train --model list}: architectures and noise processes with their options. */
final class ModelHelp {
    private ModelHelp() {}

    static String architectures() {
        StringBuilder s = new StringBuilder("Architectures (--model name:key=value,...):\n");
        for (lid.models.nets.ArchitectureInfo a : Architectures.all()) {
            s.append("  ").append(a.name()).append("  ").append(a.summary()).append('\n');
            for (ParamInfo p : a.params()) {
                option(s, p);
            }
        }
        s.append("\nNoise processes (--process name:key=value,...):\n");
        for (lid.models.noise.NoiseProcessInfo p : NoiseProcesses.all()) {
            s.append("  ").append(p.name()).append("  ").append(p.summary()).append('\n');
            for (ParamInfo q : p.params()) {
                option(s, q);
            }
        }
        s.append("\nParameterisations (--param): eps, score, x0, v, flow. Weightings (--weighting): eps, native, x0, score.\n");
        return s.toString();
    }

    private static void option(StringBuilder s, ParamInfo p) {
        String key = p.defaultValue() == null ? p.name() : p.name() + "=" + p.defaultValue();
        s.append(String.format(Locale.ROOT, "      %-36s %s%n", key, p.description()));
    }
}
