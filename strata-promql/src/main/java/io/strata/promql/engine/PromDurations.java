package io.strata.promql.engine;

/** Prints milliseconds the way Prometheus prints durations: {@code 1h30m}, {@code 5m}, {@code 1s500ms}. */
public final class PromDurations {
    private PromDurations() {
    }

    public static String format(long ms) {
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (ms < 0) {
            sb.append('-');
            ms = -ms;
        }
        long[] units = {365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1};
        String[] names = {"y", "w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            // Years and weeks only when exact: "90d" reads better than "12w6d".
            if (i < 2 && ms % units[i] != 0) {
                continue;
            }
            long n = ms / units[i];
            if (n > 0) {
                sb.append(n).append(names[i]);
                ms -= n * units[i];
            }
        }
        return sb.toString();
    }
}
