package lid.datasets.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Named entries of one kind (dataset generators, estimators, architectures, noise processes),
 * each a record holding its own builder: found by name case-insensitively, with one error style
 * for an unknown name (the nearest valid name, then every valid one). Adding an entry is one line
 * where the registry's list is made.
 *
 * @param <T> the entry type
 */
public final class Registry<T> {
    private final String kind;
    private final Map<String, T> byName = new LinkedHashMap<>();
    private final Function<T, String> nameOf;

    public Registry(String kind, List<T> entries, Function<T, String> nameOf) {
        this.kind = kind;
        this.nameOf = nameOf;
        for (T e : entries) {
            if (byName.put(nameOf.apply(e).toLowerCase(Locale.ROOT), e) != null) {
                throw new IllegalStateException("two " + kind + "s named " + nameOf.apply(e));
            }
        }
    }

    /** Every entry in listing order. */
    public List<T> all() {
        return List.copyOf(byName.values());
    }

    /** The names, comma-separated, in listing order. */
    public String names() {
        List<String> n = new ArrayList<>();
        for (T e : byName.values()) {
            n.add(nameOf.apply(e));
        }
        return String.join(", ", n);
    }

    /** The entry of a name (case-insensitive), or an error naming the nearest and every valid name. */
    public T find(String name) {
        T e = byName.get(name.strip().toLowerCase(Locale.ROOT));
        if (e == null) {
            String near = closest(name.strip());
            throw new IllegalArgumentException("unknown " + kind + " '" + name.strip() + "'"
                    + (near == null ? "" : " (did you mean " + near + "?)") + "; valid: " + names());
        }
        return e;
    }

    /** True when a name is registered. */
    public boolean has(String name) {
        return byName.containsKey(name.strip().toLowerCase(Locale.ROOT));
    }

    /** The registered name nearest to a misspelt one (edit distance <= 3), or null. */
    private String closest(String name) {
        String best = null;
        int bestDistance = 4;
        for (T e : byName.values()) {
            String n = nameOf.apply(e);
            int d = editDistance(name.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
