package io.strata.bench;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appendable;
import io.strata.storage.Appender;
import io.strata.tsdb.Tsdb;
import io.strata.tsdb.TsdbOptions;
import io.strata.tsdb.fs.OsStorageFiles;
import io.strata.tsdb.head.Head;
import io.strata.tsdb.head.HeadLog;
import io.strata.tsdb.head.HeadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;

/**
 * Measures the head alone: append + commit cost per sample and memory per series, for a
 * node_exporter-like label set. Not a JMH benchmark: it reports what the head design is judged by
 * (ns/sample on one core, heap bytes per series) in one run.
 *
 * <pre>java -cp ... io.strata.bench.HeadIngestProbe [series] [samplesPerSeries] [batchSize] [head|tsdb]</pre>
 *
 * In {@code tsdb} mode the samples go through a whole {@link Tsdb} (WAL included), which is then
 * closed and reopened to time the WAL replay.
 */
public final class HeadIngestProbe {
    private HeadIngestProbe() {}

    public static void main(String[] args) throws Exception {
        int seriesCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int samplesPerSeries = args.length > 1 ? Integer.parseInt(args[1]) : 360;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        boolean withWal = args.length > 3 && args[3].equals("tsdb");
        long interval = 10_000;
        long now = 1_800_000_000_000L;
        long start = now - samplesPerSeries * interval;
        Path dir = Files.createTempDirectory("head-probe");
        Labels[] labels = nodeExporterLike(seriesCount);
        long[] refs = new long[seriesCount];
        HeadOptions options = new HeadOptions(dir, OsStorageFiles.INSTANCE, 2 * 3_600_000L, 600_000L,
                15L * 24 * 3_600_000L, 600_000L, 0, HeadOptions.DEFAULT_CHUNK_SEGMENT_BYTES,
                InstantSource.fixed(Instant.ofEpochMilli(now)));
        long heapBefore = usedHeap();
        TsdbOptions tsdbOptions = TsdbOptions.builder().dataDir(dir).backgroundWork(false)
                .clock(InstantSource.fixed(Instant.ofEpochMilli(now))).build();
        Tsdb tsdb = withWal ? Tsdb.open(tsdbOptions) : null;
        try (Head head = withWal ? tsdb.head() : new Head(options, HeadLog.NONE)) {
            Appendable target = withWal ? tsdb : head::appender;
            long total = 0;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long[] values = new long[seriesCount];
            for (int step = 0; step < samplesPerSeries; step++) {
                long ts = start + step * interval;
                Appender app = target.appender();
                int inBatch = 0;
                for (int s = 0; s < seriesCount; s++) {
                    values[s] += (s & 7) == 0 ? 1 + (step % 3) : 0; // counters and gauges
                    // A server decodes fresh labels per request and the head keeps what it needs, so
                    // the first append (which creates the series) gets a private copy: the head's
                    // label bytes then count in the heap growth below.
                    Labels l = refs[s] == 0 ? Labels.wrapPackedUnchecked(labels[s].packedBytes().clone()) : labels[s];
                    AppendStatus st = app.append(refs[s], l, ts, values[s]);
                    if (st != AppendStatus.OK) {
                        throw new IllegalStateException("append rejected: " + st);
                    }
                    refs[s] = app.lastRef();
                    if (++inBatch == batch) {
                        app.commit();
                        app = target.appender();
                        inBatch = 0;
                    }
                }
                app.commit();
                total += seriesCount;
                if (step == 9) {
                    // The first steps create series and warm up the JIT; time the steady state.
                    t0 = System.nanoTime();
                    cpu0 = threads.getCurrentThreadCpuTime();
                    total = 0;
                }
            }
            long elapsed = System.nanoTime() - t0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long heapAfter = usedHeap();
            Head.HeadMemory m = head.memory();
            System.out.printf(Locale.ROOT, "series=%d samples/series=%d batch=%d created=%d%n", seriesCount, samplesPerSeries, batch, head.metrics().seriesCreated());
            // CPU time, not wall time: the machine may be shared, and the cost per sample is what we judge.
            System.out.printf(Locale.ROOT, "append+commit: %.1f ns/sample of CPU (%.1f wall), %.0f samples/s per core%n",
                    (double) cpu / total, (double) elapsed / total, total * 1e9 / cpu);
            System.out.printf(Locale.ROOT, "head accounting: heap %d B/series, mapped chunks %d B/series, chunks %d%n",
                    m.heapBytes() / seriesCount, m.mappedChunkBytes() / seriesCount, m.chunkCount());
            if (withWal) {
                tsdb.close();
                var os = (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long r0 = System.nanoTime();
                long c0 = os.getProcessCpuTime();
                try (Tsdb reopened = Tsdb.open(tsdbOptions)) {
                    System.out.printf(Locale.ROOT,
                            "reopen with WAL replay: %.2f s wall, %.2f s CPU (all threads) for %d series, %d samples%n",
                            (System.nanoTime() - r0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9,
                            reopened.head().numSeries(), (long) seriesCount * samplesPerSeries);
                }
            }
            System.out.printf(Locale.ROOT, "measured heap growth: %d B/series, labels included (%d B packed avg)%n",
                    (heapAfter - heapBefore) / seriesCount, avgLabelBytes(labels));
        }
    }

    /** Labels shaped like node_exporter's: ~10 metric names, cpu/mode/device labels, instance, job. */
    static Labels[] nodeExporterLike(int n) {
        String[] names = {"node_cpu_seconds_total", "node_memory_MemFree_bytes", "node_network_receive_bytes_total",
            "node_disk_read_bytes_total", "node_filesystem_avail_bytes", "node_load1", "node_network_transmit_packets_total",
            "node_disk_io_time_seconds_total", "node_vmstat_pgfault", "node_netstat_Tcp_ActiveOpens"};
        String[] modes = {"idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"};
        Labels[] out = new Labels[n];
        LabelsBuilder b = new LabelsBuilder();
        int perHost = 500;
        for (int i = 0; i < n; i++) {
            int host = i / perHost;
            int k = i % perHost;
            b.reset();
            b.add("__name__", names[k % names.length]);
            b.add("instance", "host-" + host + ".example.internal:9100");
            b.add("job", "node");
            b.add("cpu", Integer.toString(k / 80));
            b.add("mode", modes[(k / 10) % modes.length]);
            out[i] = b.build();
        }
        return out;
    }

    private static long avgLabelBytes(Labels[] labels) {
        long sum = 0;
        for (Labels l : labels) {
            sum += l.packedBytes().length;
        }
        return sum / labels.length;
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
