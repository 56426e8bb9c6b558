package io.strata.server.importer;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress of {@code strata import} on stderr. On a terminal, one line redrawn in place with a
 * carriage return: {@code [#####.....] 52.1%  1.2M samples  3.4k series  410k samples/s  ETA 12s
 * node.om (2.1 MiB)}. Otherwise (a log file, CI) a plain line every {@code plainEvery} nanoseconds.
 */
public final class ImportProgress {
    private static final int BAR_WIDTH = 20;
    private static final long TERMINAL_EVERY_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final long plainEveryNanos;
    private final long startedNanos;
    private long lastNanos;
    private int lastWidth;

    public ImportProgress(PrintWriter err, boolean terminal, long plainEveryNanos, long nowNanos) {
        this.err = err;
        this.terminal = terminal;
        this.plainEveryNanos = plainEveryNanos;
        this.startedNanos = nowNanos;
        this.lastNanos = nowNanos;
    }

    /** Shows the state when it is time to; cheap otherwise. */
    public void update(double fraction, long samples, long series, String what, long nowNanos) {
        if (nowNanos - lastNanos < (terminal ? TERMINAL_EVERY_NANOS : plainEveryNanos)) {
            return;
        }
        lastNanos = nowNanos;
        String line = line(fraction, samples, series, what, nowNanos);
        if (terminal) {
            int pad = Math.max(0, lastWidth - line.length());
            err.print("\r" + line + " ".repeat(pad));
            lastWidth = line.length();
        } else {
            err.println("import: " + line);
        }
        err.flush();
    }

    /** Ends the redrawn line so that what follows starts on a fresh one. */
    public void finish() {
        if (terminal && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
        }
    }

    String line(double fraction, long samples, long series, String what, long nowNanos) {
        double f = Math.clamp(fraction, 0, 1);
        double seconds = Math.max(1e-9, (nowNanos - startedNanos) / 1e9);
        StringBuilder b = new StringBuilder();
        if (terminal) {
            int filled = (int) Math.round(f * BAR_WIDTH);
            b.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
        }
        b.append(String.format(Locale.ROOT, "%.1f%%", f * 100)).append("  ")
                .append(count(samples)).append(" samples  ")
                .append(count(series)).append(" series  ")
                .append(count((long) (samples / seconds))).append(" samples/s  ETA ")
                .append(f <= 0 ? "?" : duration((long) (seconds * (1 - f) / f)))
                .append("  ").append(what);
        return b.toString();
    }

    /** {@code 950}, {@code 12.3k}, {@code 4.5M}, {@code 1.2G}. */
    static String count(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        String[] units = {"k", "M", "G", "T"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f%s", v, units[u]);
    }

    /** {@code 42s}, {@code 3m05s}, {@code 2h10m}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
