package io.strata.bench;

import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import io.strata.ingest.prompb.Remote.WriteRequest;
import io.strata.ingest.prompb.Types;
import io.strata.ingest.prompb.v2.WriteV2;
import io.strata.ingest.remotewrite.IngestLimits;
import io.strata.ingest.remotewrite.IngestResponse;
import io.strata.ingest.remotewrite.RejectionCounters;
import io.strata.ingest.remotewrite.RemoteWriteHandler;
import io.strata.ingest.remotewrite.RemoteWriteRequest;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.MetricMetadata;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding one remote-write request of about 100 KB (1000 node_exporter-like series, one sample
 * each) into an appender that accepts everything: the hand-written decoder behind
 * {@link RemoteWriteHandler} for 1.0 and 2.0, against protobuf-java's generated {@code parseFrom}
 * followed by the same label building. Snappy decompression is included in all three.
 *
 * <p>Run: {@code java -jar strata-bench/target/strata-bench.jar jmh RemoteWriteDecodeBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class RemoteWriteDecodeBenchmark {
    private static final long NOW = 1_700_000_000_000L;
    private static final int SERIES = 1000;

    private byte[] v1Body;
    private byte[] v2Body;
    private RemoteWriteHandler handler;
    private final AcceptingAppender appender = new AcceptingAppender();

    @Setup
    public void setUp() {
        WriteRequest.Builder v1 = WriteRequest.newBuilder();
        List<String> symbols = new ArrayList<>(List.of(""));
        Map<String, Integer> refs = new HashMap<>(Map.of("", 0));
        WriteV2.Request.Builder v2 = WriteV2.Request.newBuilder();
        String[] metrics = {"node_cpu_seconds_total", "node_memory_MemFree_bytes", "node_network_receive_bytes_total",
            "node_filesystem_avail_bytes", "node_disk_io_time_seconds_total"};
        for (int i = 0; i < SERIES; i++) {
            String[] labels = {
                "__name__", metrics[i % metrics.length],
                "cpu", Integer.toString(i % 16),
                "instance", "host-" + (i / 50) + ".example.org:9100",
                "job", "node",
                "mode", i % 2 == 0 ? "user" : "system"
            };
            Types.TimeSeries.Builder ts = Types.TimeSeries.newBuilder();
            WriteV2.TimeSeries.Builder ts2 = WriteV2.TimeSeries.newBuilder();
            for (int l = 0; l < labels.length; l += 2) {
                ts.addLabels(Types.Label.newBuilder().setName(labels[l]).setValue(labels[l + 1]));
                ts2.addLabelsRefs(refs.computeIfAbsent(labels[l], s -> { symbols.add(s); return symbols.size() - 1; }));
                ts2.addLabelsRefs(refs.computeIfAbsent(labels[l + 1], s -> { symbols.add(s); return symbols.size() - 1; }));
            }
            ts.addSamples(Types.Sample.newBuilder().setTimestamp(NOW).setValue(i * 1.5));
            ts2.addSamples(WriteV2.Sample.newBuilder().setTimestamp(NOW).setValue(i * 1.5));
            v1.addTimeseries(ts);
            v2.addTimeseries(ts2);
        }
        v1Body = compress(v1.build().toByteArray());
        v2Body = compress(v2.addAllSymbols(symbols).build().toByteArray());
        handler = new RemoteWriteHandler(() -> appender, IngestLimits.defaults(), new RejectionCounters(),
                InstantSource.fixed(java.time.Instant.ofEpochMilli(NOW)));
    }

    @Benchmark
    public int handWrittenV1() {
        IngestResponse r = handler.handle(RemoteWriteRequest.of("application/x-protobuf", "snappy", "0.1.0", v1Body));
        return r.status();
    }

    @Benchmark
    public int handWrittenV2() {
        IngestResponse r = handler.handle(RemoteWriteRequest.of(
                "application/x-protobuf;proto=io.prometheus.write.v2.Request", "snappy", "2.0.0", v2Body));
        return r.status();
    }

    /** The baseline: generated classes, then labels built from their Strings. */
    @Benchmark
    public void generatedParseFromV1(Blackhole bh) throws Exception {
        SnappyJavaDecompressor d = new SnappyJavaDecompressor();
        byte[] raw = new byte[d.getUncompressedLength(v1Body, 0)];
        d.decompress(v1Body, 0, v1Body.length, raw, 0, raw.length);
        WriteRequest request = WriteRequest.parseFrom(raw);
        LabelsBuilder builder = new LabelsBuilder();
        for (Types.TimeSeries ts : request.getTimeseriesList()) {
            builder.reset();
            for (Types.Label l : ts.getLabelsList()) {
                builder.add(l.getName(), l.getValue());
            }
            Labels labels = builder.build();
            long ref = 0;
            for (Types.Sample s : ts.getSamplesList()) {
                appender.append(ref, labels, s.getTimestamp(), s.getValue());
                ref = appender.lastRef();
            }
        }
        bh.consume(appender.count);
    }

    private static byte[] compress(byte[] raw) {
        SnappyJavaCompressor c = new SnappyJavaCompressor();
        byte[] out = new byte[c.maxCompressedLength(raw.length)];
        return Arrays.copyOf(out, c.compress(raw, 0, raw.length, out, 0, out.length));
    }

    /** Accepts every sample; reusable because it keeps no per-batch state. */
    private static final class AcceptingAppender implements Appender {
        long count;

        @Override
        public AppendStatus append(long ref, Labels labels, long timestamp, double value) {
            count++;
            return AppendStatus.OK;
        }

        @Override
        public long lastRef() {
            return 1;
        }

        @Override
        public void updateMetadata(String metricFamily, MetricMetadata metadata) {}

        @Override
        public void commit() {}

        @Override
        public void rollback() {}
    }
}
