package lid.bench.reproduce;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much work an experiment does: --quick picks each experiment's small defaults, otherwise its
 * full (paper-like) defaults; any explicit option overrides both. The resolved values are saved
 * with the results, so a folder never mixes cells made with different budgets.
 */
record Budget(boolean quick, Integer steps, Integer n, Integer points, Integer trials, int threads) {
    int steps(int quickValue, int fullValue) {
        return steps != null ? steps : quick ? quickValue : fullValue;
    }

    int n(int quickValue, int fullValue) {
        return n != null ? n : quick ? quickValue : fullValue;
    }

    int points(int quickValue, int fullValue) {
        return points != null ? points : quick ? quickValue : fullValue;
    }

    int trials(int quickValue, int fullValue) {
        return trials != null ? trials : quick ? quickValue : fullValue;
    }

    <T> T pick(T quickValue, T fullValue) {
        return quick ? quickValue : fullValue;
    }

    /** What the folder's cells depend on (threads do not change results). */
    Map<String, Object> identity(Map<String, Object> resolved) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", quick ? "quick" : "full");
        m.putAll(resolved);
        return m;
    }
}
