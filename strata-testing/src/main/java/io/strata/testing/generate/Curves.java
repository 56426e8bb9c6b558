package io.strata.testing.generate;

/**
 * Closed-form building blocks for realistic metric values: every function maps a key and a time
 * to a value directly, so a sample costs a few multiplications and sines whatever the order in
 * which samples are asked for, and nothing is allocated.
 *
 * <p>Counters are integrals of a rate that never drops below zero, taken from the start of the
 * current lifetime (boot or process start); quantising such an integral with {@code floor} keeps
 * it non-decreasing, which is what makes the generated counters monotonic between resets.
 */
final class Curves {
    private static final double TWO_PI = 2 * Math.PI;
    private static final double DAY_SECONDS = 86_400;

    private Curves() {}

    /**
     * Start of the lifetime containing {@code t}. Lifetimes are cut at {@code k * period + jitter(k)}
     * (shifted by a per-key phase) with {@code jitter} in {@code [0, period / 2)}, so a lifetime
     * lasts between half and one and a half periods and different keys restart at different times.
     */
    static long lifetimeStart(long key, long periodMillis, long t) {
        long phase = Math.floorMod(key, periodMillis);
        long shifted = t - phase;
        long k = Math.floorDiv(shifted, periodMillis);
        long start = k * periodMillis + jitter(key, k, periodMillis);
        if (shifted < start) {
            k--;
            start = k * periodMillis + jitter(key, k, periodMillis);
        }
        return start + phase;
    }

    private static long jitter(long key, long k, long periodMillis) {
        return (long) (Mix.unit(Mix.key(key, k)) * (periodMillis / 2));
    }

    /**
     * Integral over {@code [startSec, tSec]} of
     * {@code rate * (1 + a1 cos(w1 x + p1) + a2 cos(w2 x + p2) + a3 cos(wDay x + p3))}: a rate
     * that wanders over minutes, hours and the day. The amplitudes add up to at most 0.9, so the
     * integrand stays positive and the integral grows with {@code tSec}.
     */
    static double wavyIntegral(long key, double rate, double startSec, double tSec) {
        return wavyIntegral(key, rate, 1, startSec, tSec);
    }

    /**
     * {@link #wavyIntegral(long, double, double, double)} with every amplitude multiplied by
     * {@code amplitudeScale} (0 to 1): the rate then stays within {@code rate * (1 ± 0.9 * amplitudeScale)},
     * for counters that have a ceiling (a CPU cannot be idle more than one second per second).
     */
    static double wavyIntegral(long key, double rate, double amplitudeScale, double startSec, double tSec) {
        double a1 = amplitudeScale * Mix.between(Mix.key(key, 1), 0.2, 0.4);
        double w1 = TWO_PI / Mix.between(Mix.key(key, 2), 900, 3_600);
        double p1 = Mix.unit(Mix.key(key, 3)) * TWO_PI;
        double a2 = amplitudeScale * Mix.between(Mix.key(key, 4), 0.05, 0.2);
        double w2 = TWO_PI / Mix.between(Mix.key(key, 5), 60, 300);
        double p2 = Mix.unit(Mix.key(key, 6)) * TWO_PI;
        double a3 = amplitudeScale * Mix.between(Mix.key(key, 7), 0.1, 0.3);
        double w3 = TWO_PI / DAY_SECONDS;
        double p3 = Mix.unit(Mix.key(key, 8)) * 0.5; // days peak at about the same hour everywhere
        double waves = a1 / w1 * (Math.sin(w1 * tSec + p1) - Math.sin(w1 * startSec + p1))
                + a2 / w2 * (Math.sin(w2 * tSec + p2) - Math.sin(w2 * startSec + p2))
                + a3 / w3 * (Math.sin(w3 * tSec + p3) - Math.sin(w3 * startSec + p3));
        return rate * ((tSec - startSec) + waves);
    }

    /**
     * Seconds spent "in a burst" up to {@code tSec}, for a train of bursts of width {@code W}
     * every {@code P} seconds (both drawn from the key). Multiplying by a burst rate and taking
     * the difference between two times gives the extra traffic of the bursts in between; the
     * function is non-decreasing, so adding it to a counter keeps the counter monotonic.
     */
    static double burstSeconds(long key, double tSec) {
        double period = Mix.between(Mix.key(key, 11), 300, 1_800);
        double width = Mix.between(Mix.key(key, 12), 20, 90);
        double phase = Mix.unit(Mix.key(key, 13)) * period;
        double x = tSec - phase;
        double cycles = Math.floor(x / period);
        double inCycle = x - cycles * period;
        return cycles * width + Math.min(inCycle, width);
    }

    /**
     * A slowly varying level around 1: {@code 1 + a1 sin(w1 t + p1) + a2 sin(wDay t + p2)} with
     * {@code a1 + a2 <= amplitude}. Use it to scale gauges that follow load.
     */
    static double wave(long key, double amplitude, double tSec) {
        double a1 = amplitude * Mix.between(Mix.key(key, 21), 0.3, 0.6);
        double w1 = TWO_PI / Mix.between(Mix.key(key, 22), 1_200, 7_200);
        double p1 = Mix.unit(Mix.key(key, 23)) * TWO_PI;
        double a2 = amplitude - a1;
        double p2 = Mix.unit(Mix.key(key, 24)) * 0.5;
        return 1 + a1 * Math.sin(w1 * tSec + p1) + a2 * Math.sin(TWO_PI / DAY_SECONDS * tSec + p2);
    }

    /** Deterministic noise in [-1, 1) for one key and one timestamp. */
    static double noise(long key, long timestampMillis) {
        return Mix.signedUnit(Mix.key(key ^ 0x5DEECE66DL, timestampMillis));
    }

    /** Rounds down to a whole number of {@code quantum}s, as byte gauges are pages or blocks. */
    static double floorTo(double value, long quantum) {
        return Math.floor(value / quantum) * (double) quantum;
    }

    /** Rounds down to two decimals, the precision node_exporter's CPU seconds have (jiffies). */
    static double floorHundredths(double value) {
        return Math.floor(value * 100) / 100;
    }

    /** Rounds down to three decimals (milliseconds expressed in seconds). */
    static double floorThousandths(double value) {
        return Math.floor(value * 1000) / 1000;
    }

    /** Rounds to two decimals, as load averages are printed by the kernel. */
    static double roundHundredths(double value) {
        return Math.rint(value * 100) / 100;
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
