package io.strata.encoding.chunk;

import io.strata.model.SampleValues;
import java.util.SplittableRandom;

/**
 * Deterministic generators of the series shapes a node_exporter-like scrape produces, for size
 * measurements and tests. Every shape shares the timestamp model: a regular interval plus a
 * uniform jitter of up to {@code jitterMillis} either way, as scrapers stamp samples with the
 * wall clock at scrape start.
 */
enum SampleShapes {
    /** Info metrics, sizes, flags: one value for ever. */
    CONSTANT,
    /** Error and drop counters: mostly flat, now and then a small integer increase. */
    SLOW_COUNTER,
    /** Byte and packet counters: integer increases around a per-series rate, rare resets. */
    INT_COUNTER,
    /** CPU seconds: increases in hundredths (USER_HZ = 100), rare resets. */
    CENTI_COUNTER,
    /** Temperatures, load averages: a mean-reverting walk with one or two decimals. */
    DECIMAL_GAUGE,
    /** Memory and filesystem bytes: a walk in whole pages of 4096 bytes. */
    PAGE_GAUGE,
    /** Goroutines, sockets, open files, heap bytes: an integer walk with small steps. */
    INT_GAUGE,
    /**
     * Collector and GC durations: Go computes them as whole nanoseconds divided by 1e9, so they
     * are nine-decimal values, independent from one scrape to the next.
     */
    DURATION_SECONDS,
    /** Ratios and clocks with full double precision. */
    RANDOM_DOUBLE;

    static final long INTERVAL_MILLIS = 10_000;

    /** Fills {@code ts} and {@code values} with {@code n} samples of this shape. */
    void generate(long seed, int jitterMillis, long[] ts, double[] values, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        long start = 1_700_000_000_000L + random.nextLong(INTERVAL_MILLIS);
        for (int i = 0; i < n; i++) {
            long jitter = jitterMillis == 0 ? 0 : random.nextLong(-jitterMillis, jitterMillis + 1);
            ts[i] = start + i * INTERVAL_MILLIS + jitter;
        }
        switch (this) {
            case CONSTANT -> {
                double v = random.nextBoolean() ? 1 : random.nextLong(1, 1L << 40);
                for (int i = 0; i < n; i++) {
                    values[i] = v;
                }
            }
            case SLOW_COUNTER -> {
                long count = random.nextLong(1000);
                for (int i = 0; i < n; i++) {
                    if (random.nextInt(100) < 2) {
                        count += random.nextLong(1, 10);
                    }
                    values[i] = count;
                }
            }
            case INT_COUNTER -> {
                // Rates spread over five orders of magnitude (log-uniform), noise of 30%.
                double rate = Math.pow(10, random.nextDouble(0, 5));
                long count = random.nextLong(1L << 36);
                for (int i = 0; i < n; i++) {
                    count = maybeReset(random, count);
                    count += Math.max(0, Math.round(rate * (1 + 0.3 * random.nextGaussian())));
                    values[i] = count;
                }
            }
            case CENTI_COUNTER -> {
                double centsPerScrape = random.nextDouble(0, 1000);
                long cents = random.nextLong(100_000_000);
                for (int i = 0; i < n; i++) {
                    cents = maybeReset(random, cents);
                    cents += Math.max(0, Math.round(centsPerScrape * (1 + 0.05 * random.nextGaussian())));
                    values[i] = cents / 100.0;
                }
            }
            case DECIMAL_GAUGE -> {
                int decimals = random.nextInt(1, 3);
                double unit = decimals == 1 ? 10 : 100;
                double mean = random.nextDouble(0, 80);
                double level = mean;
                for (int i = 0; i < n; i++) {
                    level += 0.1 * (mean - level) + random.nextGaussian() * 0.5;
                    values[i] = Math.round(level * unit) / unit;
                }
            }
            case PAGE_GAUGE -> {
                long pages = random.nextLong(100_000, 4_000_000);
                for (int i = 0; i < n; i++) {
                    pages += Math.round(random.nextGaussian() * 300);
                    values[i] = pages * 4096.0;
                }
            }
            case INT_GAUGE -> {
                long level = random.nextLong(10, 100_000);
                long stepSize = Math.max(1, level / 100);
                for (int i = 0; i < n; i++) {
                    level = Math.max(0, level + random.nextLong(-stepSize, stepSize + 1));
                    values[i] = level;
                }
            }
            case DURATION_SECONDS -> {
                double typicalNanos = Math.pow(10, random.nextDouble(4, 8));
                for (int i = 0; i < n; i++) {
                    long nanos = Math.max(1, Math.round(typicalNanos * (1 + 0.3 * random.nextGaussian())));
                    values[i] = nanos / 1e9;
                }
            }
            case RANDOM_DOUBLE -> {
                double scale = Math.pow(10, random.nextInt(-4, 2));
                for (int i = 0; i < n; i++) {
                    values[i] = random.nextDouble() * scale;
                }
            }
        }
    }

    private static long maybeReset(SplittableRandom random, long count) {
        // About one reset in 5000 scrapes: a restart every half day or so.
        return random.nextInt(5000) == 0 ? 0 : count;
    }

    /** Marks the last sample stale, as Prometheus does when a target disappears. */
    static void endWithStaleMarker(double[] values, int n) {
        values[n - 1] = SampleValues.STALE_NAN;
    }
}
