package lid.bench;

import java.util.Arrays;

/**
 * Times an operation in repeated windows (after warm-up) and reports the median and best rate.
 * Medians are what we quote: this machine is a noisy VM where best and median differ up to 2x.
 */
final class RateMeter {
    private RateMeter() {}

    /** Rates in operations per second of each window. */
    record Rates(double[] perWindow) {
        double median() {
            double[] s = perWindow.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        }

        double best() {
            return Arrays.stream(perWindow).max().orElse(Double.NaN);
        }
    }

    /** Runs op for warmupSeconds, then {@code windows} windows of at least windowSeconds each. */
    static Rates measure(Runnable op, double warmupSeconds, double windowSeconds, int windows) {
        if (windows < 1 || !(windowSeconds > 0) || !(warmupSeconds >= 0)) {
            throw new IllegalArgumentException("--windows must be >= 1 and --window-seconds > 0, got " + windows + " and "
                    + windowSeconds);
        }
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        do {
            op.run();
        } while (System.nanoTime() < warmEnd);
        double[] rates = new double[windows];
        for (int w = 0; w < windows; w++) {
            long start = System.nanoTime();
            long end = start + (long) (windowSeconds * 1e9);
            long reps = 0;
            long now;
            do {
                op.run();
                reps++;
                now = System.nanoTime();
            } while (now < end);
            rates[w] = reps / ((now - start) * 1e-9);
        }
        return new Rates(rates);
    }
}
