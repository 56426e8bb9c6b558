package io.strata.bench.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.ingest.remotewrite.RemoteWriteEncoder;
import io.strata.ingest.remotewrite.RemoteWriteEncoder.Version;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.MetricType;
import io.strata.model.SampleValues;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RemoteWriteEncoderTest {
    @Test
    void encodesTheCanonicalV1Bytes() {
        RemoteWriteEncoder e = new RemoteWriteEncoder(Version.V1);
        e.addSeries(Labels.of("__name__", "up"), new long[] {1000}, new double[] {1.0}, 0, 1);
        // WriteRequest.timeseries(30 bytes) { labels(14) { name "__name__" value "up" } samples(12) { value 1.0 timestamp 1000 } }
        assertThat(HexFormat.of().formatHex(finished(e)))
                .isEqualTo("0a1e" + "0a0e" + "0a085f5f6e616d655f5f" + "12027570" + "120c" + "09000000000000f03f" + "10e807");
    }

    @Test
    void v1RoundTripKeepsSpecialValuesBitExact() {
        double[] values = {0.0, -0.0, Double.NaN, SampleValues.STALE_NAN, Double.POSITIVE_INFINITY, 1e-300, 42.5};
        long[] timestamps = {0, 1, -5, 1_700_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, 7};
        RemoteWriteEncoder e = new RemoteWriteEncoder(Version.V1);
        Labels a = Labels.of("__name__", "a", "job", "node");
        Labels b = Labels.of("__name__", "b", "ünïcode", "välue ✓");
        e.addSeries(a, timestamps, values, 0, 4);
        e.addSeries(b, MetricType.COUNTER, timestamps, values, 4, 3);
        WireDecoder.Request r = WireDecoder.decodeV1(finished(e));
        assertThat(r.series()).hasSize(2);
        assertThat(r.series().get(0).labels()).isEqualTo(a);
        assertThat(r.series().get(1).labels()).isEqualTo(b);
        assertSamples(r.series().get(0).samples(), timestamps, values, 0, 4);
        assertSamples(r.series().get(1).samples(), timestamps, values, 4, 3);
        assertThat(e.seriesCount()).isEqualTo(2);
        assertThat(e.sampleCount()).isEqualTo(7);
    }

    @Test
    void v2SharesSymbolsAndSendsTheMetadataType() {
        RemoteWriteEncoder e = new RemoteWriteEncoder(Version.V2);
        Labels cpu0 = Labels.of("__name__", "node_cpu_seconds_total", "cpu", "0", "instance", "host-1:9100");
        Labels cpu1 = Labels.of("__name__", "node_cpu_seconds_total", "cpu", "1", "instance", "host-1:9100");
        Labels untyped = Labels.of("__name__", "x", "instance", "0");
        long[] ts = {10, 20};
        double[] v = {1.5, 2.5};
        e.addSeries(cpu0, MetricType.COUNTER, ts, v, 0, 2);
        e.addSeries(cpu1, MetricType.GAUGE, ts, v, 1, 1);
        e.addSeries(untyped, ts, v, 0, 1);
        WireDecoder.Request r = WireDecoder.decodeV2(finished(e));
        assertThat(r.symbols()).doesNotHaveDuplicates()
                .containsExactly("", "__name__", "node_cpu_seconds_total", "cpu", "0", "instance", "host-1:9100", "1", "x");
        assertThat(r.series()).extracting(WireDecoder.Series::labels).containsExactly(cpu0, cpu1, untyped);
        assertThat(r.series()).extracting(WireDecoder.Series::metadataType).containsExactly(1, 2, 0);
        assertSamples(r.series().get(1).samples(), ts, v, 1, 1);
    }

    @Test
    void resetStartsAnIndependentRequest() {
        RemoteWriteEncoder reused = new RemoteWriteEncoder(Version.V2);
        reused.addSeries(Labels.of("__name__", "first", "a", "b"), new long[] {1}, new double[] {1}, 0, 1);
        reused.finish();
        reused.reset();
        reused.addSeries(Labels.of("__name__", "second"), new long[] {2}, new double[] {2}, 0, 1);
        RemoteWriteEncoder fresh = new RemoteWriteEncoder(Version.V2);
        fresh.addSeries(Labels.of("__name__", "second"), new long[] {2}, new double[] {2}, 0, 1);
        assertThat(finished(reused)).isEqualTo(finished(fresh));
        assertThat(reused.seriesCount()).isEqualTo(1);
    }

    @Test
    void refusesSeriesAfterFinishAndReadsBeforeIt() {
        RemoteWriteEncoder e = new RemoteWriteEncoder(Version.V1);
        assertThatThrownBy(e::array).isInstanceOf(IllegalStateException.class).hasMessageContaining("finish()");
        e.finish();
        assertThatThrownBy(() -> e.addSeries(Labels.of("a", "b"), new long[1], new double[1], 0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reset()");
        e.reset();
        assertThatThrownBy(() -> e.addSeries(Labels.of("a", "b"), new long[1], new double[1], 0, 2))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("count=2");
    }

    @Test
    void encodingAllocatesNothingOnceWarm() {
        List<Labels> labels = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            labels.add(Labels.of("__name__", "m" + (i % 10), "instance", "host-" + i, "job", "node"));
        }
        long[] ts = {1_700_000_000_000L, 1_700_000_010_000L};
        double[] v = {1, 2};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Version version : Version.values()) {
            RemoteWriteEncoder e = new RemoteWriteEncoder(version);
            long allocated = 0;
            for (int round = 0; round < 4; round++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                e.reset();
                for (Labels l : labels) {
                    e.addSeries(l, MetricType.GAUGE, ts, v, 0, 2);
                }
                e.finish();
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
            }
            // 2,000 series and 4,000 samples: one object each would be well over 50 KB.
            assertThat(allocated).as("bytes allocated by a warm %s encoder", version).isLessThan(4_096);
        }
    }

    @Property(tries = 200)
    void anyBatchRoundTripsThroughBothVersions(@ForAll("batches") List<SeriesInput> batch) {
        for (Version version : Version.values()) {
            RemoteWriteEncoder e = new RemoteWriteEncoder(version);
            for (SeriesInput s : batch) {
                e.addSeries(s.labels(), s.type(), s.timestamps(), s.values(), 0, s.timestamps().length);
            }
            byte[] bytes = finished(e);
            WireDecoder.Request r = version == Version.V1 ? WireDecoder.decodeV1(bytes) : WireDecoder.decodeV2(bytes);
            assertThat(r.series()).hasSize(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                SeriesInput in = batch.get(i);
                assertThat(r.series().get(i).labels()).isEqualTo(in.labels());
                assertSamples(r.series().get(i).samples(), in.timestamps(), in.values(), 0, in.timestamps().length);
            }
            if (version == Version.V2) {
                assertThat(new HashSet<>(r.symbols())).hasSameSizeAs(r.symbols());
            }
        }
    }

    record SeriesInput(Labels labels, MetricType type, long[] timestamps, double[] values) {}

    @Provide
    Arbitrary<List<SeriesInput>> batches() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3);
        Arbitrary<String> values = Arbitraries.strings().ofMinLength(1).ofMaxLength(200);
        Arbitrary<Labels> labels = Combinators.combine(names, values).as((n, v) -> new String[] {n, v})
                .list().ofMinSize(0).ofMaxSize(6)
                .map(pairs -> {
                    LabelsBuilder b = new LabelsBuilder();
                    pairs.stream().map(p -> p[0]).distinct().forEach(n -> b.add(n, pairs.stream()
                            .filter(p -> p[0].equals(n)).findFirst().orElseThrow()[1]));
                    return b.build();
                });
        Arbitrary<long[]> timestamps = Arbitraries.longs().array(long[].class).ofMinSize(0).ofMaxSize(5);
        Arbitrary<SeriesInput> series = Combinators.combine(labels, Arbitraries.of(MetricType.class), timestamps)
                .flatAs((l, type, ts) -> Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(-0.0)
                        .array(double[].class).ofSize(ts.length)
                        .map(v -> new SeriesInput(l, type, ts, v)));
        return series.list().ofMinSize(0).ofMaxSize(8);
    }

    private static byte[] finished(RemoteWriteEncoder e) {
        e.finish();
        return e.toByteArray();
    }

    private static void assertSamples(List<WireDecoder.Sample> got, long[] ts, double[] values, int from, int count) {
        assertThat(got).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(got.get(i).timestamp()).isEqualTo(ts[from + i]);
            assertThat(Double.doubleToRawLongBits(got.get(i).value()))
                    .as("value bits of sample %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(values[from + i]));
        }
    }
}
