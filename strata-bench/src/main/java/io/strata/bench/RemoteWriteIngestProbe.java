package io.strata.bench;

import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.strata.ingest.remotewrite.IngestLimits;
import io.strata.ingest.remotewrite.IngestResponse;
import io.strata.ingest.remotewrite.RejectionCounters;
import io.strata.ingest.remotewrite.RemoteWriteEncoder;
import io.strata.ingest.remotewrite.RemoteWriteHandler;
import io.strata.ingest.remotewrite.RemoteWriteRequest;
import io.strata.model.Labels;
import io.strata.tsdb.Tsdb;
import io.strata.tsdb.TsdbOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Locale;

/**
 * CPU per sample of the server's write path without HTTP: snappy, decoding, validation, the
 * series cache and the appends and commits of a whole {@link Tsdb} (WAL included), on one thread.
 * Requests are shaped like the lead's load test: each holds one timestamp of {@code perRequest}
 * different node_exporter-like series, so every sample meets a different, cold series.
 *
 * <pre>java -cp ... io.strata.bench.RemoteWriteIngestProbe [series] [steps] [perRequest] [cacheCapacity] [v1|v2]</pre>
 *
 * {@code cacheCapacity} 0 turns the series cache off (the path before it existed). The first
 * steps create the series and warm the JIT up; the rest are timed in thread CPU time, so other
 * load on the machine changes little.
 */
public final class RemoteWriteIngestProbe {
    private RemoteWriteIngestProbe() {}

    public static void main(String[] args) throws Exception {
        int seriesCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int perRequest = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int cacheCapacity = args.length > 3 ? Integer.parseInt(args[3]) : 1 << 20;
        RemoteWriteEncoder.Version version =
                args.length > 4 && args[4].equals("v2") ? RemoteWriteEncoder.Version.V2 : RemoteWriteEncoder.Version.V1;
        int warmupSteps = Math.min(10, steps / 2);
        long interval = 10_000;
        long now = 1_800_000_000_000L;
        long start = now - steps * interval;
        Labels[] labels = HeadIngestProbe.nodeExporterLike(seriesCount);
        Path dir = Files.createTempDirectory("remote-write-probe");
        TsdbOptions options = TsdbOptions.builder().dataDir(dir).backgroundWork(false)
                .clock(InstantSource.fixed(Instant.ofEpochMilli(now))).build();
        try (Tsdb tsdb = Tsdb.open(options)) {
            RemoteWriteHandler handler = new RemoteWriteHandler(tsdb, IngestLimits.defaults(), new RejectionCounters(),
                    InstantSource.fixed(Instant.ofEpochMilli(now)), cacheCapacity);
            RemoteWriteEncoder encoder = new RemoteWriteEncoder(version);
            SnappyJavaCompressor snappy = new SnappyJavaCompressor();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] ts = new long[1];
            double[] value = new double[1];
            long cpu = 0;
            long samples = 0;
            for (int step = 0; step < steps; step++) {
                ts[0] = start + step * interval;
                for (int from = 0; from < seriesCount; from += perRequest) {
                    encoder.reset();
                    for (int s = from; s < Math.min(seriesCount, from + perRequest); s++) {
                        value[0] = step * (s & 7);
                        encoder.addSeries(labels[s], ts, value, 0, 1);
                    }
                    int length = encoder.finish();
                    byte[] compressed = new byte[snappy.maxCompressedLength(length)];
                    compressed = Arrays.copyOf(compressed,
                            snappy.compress(encoder.array(), 0, length, compressed, 0, compressed.length));
                    RemoteWriteRequest request = RemoteWriteRequest.of(
                            version.contentType(), "snappy", version.versionHeader(), compressed);
                    long c0 = threads.getCurrentThreadCpuTime();
                    IngestResponse response = handler.handle(request);
                    long c1 = threads.getCurrentThreadCpuTime();
                    if (response.status() != 204) {
                        throw new IllegalStateException("request refused: " + response.status() + " " + response.body());
                    }
                    if (step >= warmupSteps) {
                        cpu += c1 - c0;
                        samples += Math.min(seriesCount, from + perRequest) - from;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s series=%d steps=%d perRequest=%d cache=%d: %.0f ns CPU/sample"
                            + " (%.0f samples/s per core); cache holds %d series in %d bytes (%.1f B/series)%n",
                    version, seriesCount, steps, perRequest, cacheCapacity, (double) cpu / samples,
                    samples * 1e9 / cpu, handler.cachedSeries(), handler.seriesCacheBytes(),
                    handler.cachedSeries() == 0 ? 0.0 : (double) handler.seriesCacheBytes() / handler.cachedSeries());
        }
    }
}
