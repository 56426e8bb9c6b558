package io.strata.encoding.chunk;

import io.strata.model.SampleValues;
import java.util.SplittableRandom;

/**
 * Random series for property tests: a timestamp shape and a value shape, generated from a seed
 * so that jqwik's printed seed (and the seed parameter itself) reproduces a failure.
 */
record RandomSeries(long[] timestamps, double[] values, int size) {
    enum TimeShape { REGULAR, JITTERED, IRREGULAR, DENSE, HUGE_GAPS, NEGATIVE, EXTREMES }

    enum ValueShape {
        NODE_EXPORTER, SPECIAL_VALUES, RANDOM_BITS, FEW_DISTINCT, DECIMALS_WITH_NANS,
        NEAR_2_POW_53, TINY_AND_HUGE
    }

    private static final double[] SPECIALS = {
        SampleValues.STALE_NAN, Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L),
        Double.longBitsToDouble(0xfff0000000000001L), Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 1, -1, 0.1, 1e300, 9007199254740993.0
    };

    static RandomSeries generate(long seed, int n, TimeShape timeShape, ValueShape valueShape) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] ts = timestamps(random, n, timeShape);
        double[] values = new double[n];
        switch (valueShape) {
            case NODE_EXPORTER -> {
                SampleShapes shape = SampleShapes.values()[random.nextInt(SampleShapes.values().length)];
                long[] ignored = new long[n];
                shape.generate(random.nextLong(), 2, ignored, values, n);
            }
            case SPECIAL_VALUES -> {
                for (int i = 0; i < n; i++) {
                    values[i] = SPECIALS[random.nextInt(SPECIALS.length)];
                }
            }
            case RANDOM_BITS -> {
                for (int i = 0; i < n; i++) {
                    values[i] = Double.longBitsToDouble(random.nextLong());
                }
            }
            case FEW_DISTINCT -> {
                double[] pool = {random.nextDouble(), Math.floor(random.nextDouble() * 1000), -0.0, 42};
                for (int i = 0; i < n; i++) {
                    values[i] = pool[random.nextInt(random.nextBoolean() ? 1 : pool.length)];
                }
            }
            case DECIMALS_WITH_NANS -> {
                int scale = random.nextInt(0, 16);
                for (int i = 0; i < n; i++) {
                    values[i] = random.nextInt(50) == 0 ? SPECIALS[random.nextInt(SPECIALS.length)]
                            : random.nextLong(-1_000_000_000L, 1_000_000_000L) / Math.pow(10, scale);
                }
            }
            case NEAR_2_POW_53 -> {
                long base = (1L << 53) - random.nextLong(1000);
                for (int i = 0; i < n; i++) {
                    values[i] = (random.nextBoolean() ? 1 : -1) * (double) (base + random.nextLong(2000));
                }
            }
            case TINY_AND_HUGE -> {
                for (int i = 0; i < n; i++) {
                    values[i] = Math.scalb(random.nextDouble(), random.nextInt(-1074, 1024));
                }
            }
        }
        return new RandomSeries(ts, values, n);
    }

    private static long[] timestamps(SplittableRandom random, int n, TimeShape shape) {
        long[] ts = new long[n];
        long start = switch (shape) {
            case NEGATIVE -> -random.nextLong(1L << 50);
            case EXTREMES -> Long.MIN_VALUE;
            default -> random.nextLong(1L << 42);
        };
        ts[0] = start;
        for (int i = 1; i < n; i++) {
            long delta = switch (shape) {
                case REGULAR -> 15_000;
                case JITTERED -> 10_000 + random.nextLong(-50, 51);
                case IRREGULAR -> random.nextLong(1, 1_000_000);
                case DENSE -> 1;
                case HUGE_GAPS -> random.nextInt(10) == 0 ? random.nextLong(1L << 40, 1L << 50)
                        : random.nextLong(1, 100_000);
                case NEGATIVE -> random.nextLong(1, 1L << 30);
                // Spread the series over the whole long range, ending at Long.MAX_VALUE.
                case EXTREMES -> i == n - 1 ? 0 : random.nextLong(1, Long.MAX_VALUE / n * 2);
            };
            ts[i] = ts[i - 1] + delta;
        }
        if (shape == TimeShape.EXTREMES && n > 1) {
            ts[n - 1] = Long.MAX_VALUE;
        }
        return ts;
    }
}
