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
    private static final long DAY_MILLIS = 86_400_000;

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
     * Integral over {@code [start, t]} (seconds) of
     * {@code rate * (1 + a1 cos(w1 x + p1) + a2 cos(w2 x + p2) + a3 cos(wDay x + p3))}: a rate
     * that wanders over minutes, hours and the day. The amplitudes add up to at most 0.9, so the
     * integrand stays positive and the integral grows with {@code tMillis}.
     */
    static double wavyIntegral(long key, double rate, long startMillis, long tMillis) {
        return wavyIntegral(key, rate, 1, startMillis, tMillis);
    }

    /**
     * {@link #wavyIntegral(long, double, long, long)} with every amplitude multiplied by
     * {@code amplitudeScale} (0 to 1): the rate then stays within {@code rate * (1 ± 0.9 * amplitudeScale)},
     * for counters that have a ceiling (a CPU cannot be idle more than one second per second).
     */
    static double wavyIntegral(long key, double rate, double amplitudeScale, long startMillis, long tMillis) {
        double a1 = amplitudeScale * Mix.between(Mix.key(key, 1), 0.2, 0.4);
        long period1 = (long) Mix.between(Mix.key(key, 2), 900_000, 3_600_000);
        double p1 = Mix.unit(Mix.key(key, 3)) * TWO_PI;
        double a2 = amplitudeScale * Mix.between(Mix.key(key, 4), 0.05, 0.2);
        long period2 = (long) Mix.between(Mix.key(key, 5), 60_000, 300_000);
        double p2 = Mix.unit(Mix.key(key, 6)) * TWO_PI;
        double a3 = amplitudeScale * Mix.between(Mix.key(key, 7), 0.1, 0.3);
        double p3 = Mix.unit(Mix.key(key, 8)) * 0.5; // days peak at about the same hour everywhere
        // The integral of a cos(w x + p) is (a / w) sin(w x + p), and a / w = a * period / 2 pi.
        double waves = a1 * period1 / TWO_PI * (sinOfPeriod(tMillis, period1, p1) - sinOfPeriod(startMillis, period1, p1))
                + a2 * period2 / TWO_PI * (sinOfPeriod(tMillis, period2, p2) - sinOfPeriod(startMillis, period2, p2))
                + a3 * DAY_MILLIS / TWO_PI * (sinOfPeriod(tMillis, DAY_MILLIS, p3) - sinOfPeriod(startMillis, DAY_MILLIS, p3));
        return rate * ((tMillis - startMillis) + waves) / 1000;
    }

    /**
     * {@code sin(2 pi t / period + phase)}, reducing {@code t} modulo the period in exact integer
     * arithmetic first: {@link Math#sin} of an angle in the millions of radians (epoch seconds
     * times a frequency) takes the slow argument-reduction path, and this keeps it on the fast one.
     */
    static double sinOfPeriod(long tMillis, long periodMillis, double phase) {
        return Math.sin(TWO_PI * Math.floorMod(tMillis, periodMillis) / periodMillis + phase);
    }

    /**
     * Seconds spent "in a burst" up to {@code tMillis}, for a train of bursts of width {@code W}
     * every {@code P} seconds (both drawn from the key). Multiplying by a burst rate and taking
     * the difference between two times gives the extra traffic of the bursts in between; the
     * function is non-decreasing, so adding it to a counter keeps the counter monotonic.
     */
    static double burstSeconds(long key, long tMillis) {
        long period = (long) Mix.between(Mix.key(key, 11), 300_000, 1_800_000);
        long width = (long) Mix.between(Mix.key(key, 12), 20_000, 90_000);
        long phase = (long) (Mix.unit(Mix.key(key, 13)) * period);
        long x = tMillis - phase;
        long cycles = Math.floorDiv(x, period);
        long inCycle = x - cycles * period;
        return (cycles * width + Math.min(inCycle, width)) / 1000.0;
    }

    /**
     * A slowly varying level around 1: {@code 1 + a1 sin(w1 t + p1) + a2 sin(wDay t + p2)} with
     * {@code a1 + a2 <= amplitude}. Use it to scale gauges that follow load.
     */
    static double wave(long key, double amplitude, long tMillis) {
        double a1 = amplitude * Mix.between(Mix.key(key, 21), 0.3, 0.6);
        long period1 = (long) Mix.between(Mix.key(key, 22), 1_200_000, 7_200_000);
        double p1 = Mix.unit(Mix.key(key, 23)) * TWO_PI;
        double a2 = amplitude - a1;
        double p2 = Mix.unit(Mix.key(key, 24)) * 0.5;
        return 1 + a1 * sinOfPeriod(tMillis, period1, p1) + a2 * sinOfPeriod(tMillis, DAY_MILLIS, p2);
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
