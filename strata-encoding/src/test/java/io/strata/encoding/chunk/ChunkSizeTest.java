package io.strata.encoding.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Measures encoded bytes per sample for each {@link SampleShapes} shape and for a
 * node_exporter-like mix. Sizes are deterministic (fixed seeds), so the bounds are exact
 * regression fences, not timings.
 */
class ChunkSizeTest {
    /** 2 hours at 10 s: one chunk per series per block. */
    private static final int SAMPLES = 720;
    private static final int SERIES_PER_SHAPE = 100;

    /**
     * Share of each shape among a node_exporter's series (about 560 on a 4-CPU host with three
     * network devices, two disks and eight filesystems, plus Go and process metrics), counted
     * collector by collector: constants are info, size, flag and success series; slow counters
     * are error, drop and rarely used CPU-mode counters; random doubles are clocks and ratios.
     */
    static final Map<SampleShapes, Double> NODE_EXPORTER_MIX = new EnumMap<>(Map.of(
            SampleShapes.CONSTANT, 0.35,
            SampleShapes.SLOW_COUNTER, 0.15,
            SampleShapes.INT_COUNTER, 0.11,
            SampleShapes.CENTI_COUNTER, 0.06,
            SampleShapes.DECIMAL_GAUGE, 0.03,
            SampleShapes.PAGE_GAUGE, 0.08,
            SampleShapes.INT_GAUGE, 0.09,
            SampleShapes.DURATION_SECONDS, 0.09,
            SampleShapes.RANDOM_DOUBLE, 0.04));

    static double bytesPerSample(SampleShapes shape, int jitter) {
        long[] ts = new long[SAMPLES];
        double[] values = new double[SAMPLES];
        long bytes = 0;
        ChunkAppender appender = new ChunkAppender();
        for (int s = 0; s < SERIES_PER_SHAPE; s++) {
            shape.generate(s * 31L + shape.ordinal(), jitter, ts, values, SAMPLES);
            appender.reset();
            for (int i = 0; i < SAMPLES; i++) {
                if (!appender.append(ts[i], values[i])) {
                    bytes += appender.finish().length;
                    appender.reset();
                    appender.append(ts[i], values[i]);
                }
            }
            byte[] chunk = appender.finish();
            bytes += chunk.length;
            assertDecodesTo(chunk, ts, values);
        }
        return (double) bytes / ((long) SAMPLES * SERIES_PER_SHAPE);
    }

    private static void assertDecodesTo(byte[] chunk, long[] ts, double[] values) {
        io.strata.storage.SampleCursor cursor = Chunks.cursor(chunk, null);
        for (int i = 0; i < SAMPLES; i++) {
            assertThat(cursor.next()).isEqualTo(io.strata.storage.SampleCursor.FLOAT);
            assertThat(cursor.timestamp()).isEqualTo(ts[i]);
            assertThat(Double.doubleToRawLongBits(cursor.value()))
                    .as("value %d: %s", i, values[i])
                    .isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
        assertThat(cursor.next()).isEqualTo(io.strata.storage.SampleCursor.NONE);
        Chunks.verify(java.lang.foreign.MemorySegment.ofArray(chunk));
    }

    static double mix(Map<SampleShapes, Double> bytesPerSample) {
        double mix = 0;
        for (SampleShapes shape : SampleShapes.values()) {
            mix += bytesPerSample.get(shape) * NODE_EXPORTER_MIX.get(shape);
        }
        return mix;
    }

    static Map<SampleShapes, Double> measure(int jitter) {
        Map<SampleShapes, Double> sizes = new EnumMap<>(SampleShapes.class);
        StringBuilder line = new StringBuilder("bytes/sample, jitter +-" + jitter + " ms:");
        for (SampleShapes shape : SampleShapes.values()) {
            sizes.put(shape, bytesPerSample(shape, jitter));
            line.append(String.format(Locale.ROOT, " %s=%.3f", shape, sizes.get(shape)));
        }
        line.append(String.format(Locale.ROOT, " | node_exporter mix=%.3f", mix(sizes)));
        System.out.println(line);
        return sizes;
    }

    /**
     * Upper bounds, a little above what this encoder achieves, per shape for timestamps exactly
     * on the 10 s grid (what Prometheus's timestamp alignment produces) and with +-2 ms jitter.
     */
    private static final Map<SampleShapes, double[]> BOUNDS = new EnumMap<>(Map.of(
            SampleShapes.CONSTANT, new double[] {0.05, 0.36},
            SampleShapes.SLOW_COUNTER, new double[] {0.10, 0.40},
            SampleShapes.INT_COUNTER, new double[] {1.22, 1.55},
            SampleShapes.CENTI_COUNTER, new double[] {0.95, 1.25},
            SampleShapes.DECIMAL_GAUGE, new double[] {0.92, 1.21},
            SampleShapes.PAGE_GAUGE, new double[] {1.43, 1.74},
            SampleShapes.INT_GAUGE, new double[] {1.30, 1.58},
            SampleShapes.DURATION_SECONDS, new double[] {2.72, 3.05},
            SampleShapes.RANDOM_DOUBLE, new double[] {6.96, 7.26}));

    @Test
    void staysUnderTheMeasuredBytesPerSampleForEveryShape() {
        int[] jitters = {0, 2};
        for (int j = 0; j < jitters.length; j++) {
            Map<SampleShapes, Double> sizes = measure(jitters[j]);
            for (SampleShapes shape : SampleShapes.values()) {
                assertThat(sizes.get(shape)).as("%s, jitter %d", shape, jitters[j])
                        .isLessThanOrEqualTo(BOUNDS.get(shape)[j]);
            }
            if (jitters[j] == 0) {
                assertThat(mix(sizes)).as("node_exporter mix on the grid").isLessThanOrEqualTo(1.0);
            }
        }
        measure(25);
    }
}
