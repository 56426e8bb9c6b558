package io.strata.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.strata.storage.AppendStatus;
import io.strata.tsdb.Tsdb;
import io.strata.tsdb.TsdbMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exports a {@link Tsdb}'s counters and gauges. One {@link Tsdb#metrics()} snapshot per scrape
 * feeds every metric, so they are consistent with each other and a scrape costs one snapshot.
 * Counters are named without {@code _total} here; the exposition adds it.
 */
final class TsdbCollector implements MultiCollector {
    private final Tsdb tsdb;

    TsdbCollector(Tsdb tsdb) {
        this.tsdb = tsdb;
    }

    @Override
    public MetricSnapshots collect() {
        TsdbMetrics m = tsdb.metrics();
        List<MetricSnapshot> out = new ArrayList<>();
        gauge(out, "strata_head_series", "Series in the head.", m.headSeries());
        gauge(out, "strata_head_chunks", "Open and closed chunks in the head.", m.headChunks());
        gauge(out, "strata_head_heap_bytes", "Heap used by the head: series, labels, open chunks, index.", m.headHeapBytes());
        gauge(out, "strata_head_mapped_bytes", "Closed head chunks in memory-mapped files, off the heap.", m.headMappedBytes());
        gauge(out, "strata_blocks", "Blocks open.", m.blockCount());
        gauge(out, "strata_blocks_bytes", "Bytes of the blocks on disk.", m.blockBytes());
        gauge(out, "strata_wal_replay_duration_seconds", "Duration of the start-up WAL replay.", m.walReplaySeconds());
        counter(out, "strata_head_samples_appended", "Samples stored in the head.", m.samplesAppended());
        out.add(rejected(m.rejectedSamples()));
        counter(out, "strata_head_samples_rejected_at_commit",
                "Samples accepted by append that lost at commit to a concurrent write of the same timestamp.",
                m.rejectedAtCommit());
        counter(out, "strata_head_commits", "Successful commits.", m.commits());
        counter(out, "strata_head_commit_failures", "Commits refused because the WAL could not be written.",
                m.failedCommits());
        counter(out, "strata_head_series_created", "Series created in the head.", m.seriesCreated());
        counter(out, "strata_head_series_removed", "Series removed from the head after going idle.", m.seriesRemoved());
        counter(out, "strata_wal_fsyncs", "WAL fsyncs.", m.walFsyncs());
        counter(out, "strata_wal_fsync_seconds", "Time spent in WAL fsyncs; divide by strata_wal_fsyncs_total for latency.",
                m.walFsyncSecondsTotal());
        counter(out, "strata_wal_fsync_failures", "Failed WAL fsyncs.", m.walFsyncFailures());
        counter(out, "strata_wal_write_failures", "Failed WAL writes.", m.walWriteFailures());
        counter(out, "strata_wal_repairs", "Torn WAL tails cut off at start-up; the log says what was dropped.",
                m.walRepairs());
        counter(out, "strata_wal_written_bytes", "Bytes appended to the WAL.", m.walBytesWritten());
        counter(out, "strata_head_cuts", "Cuts of the head into blocks that completed.", m.headCuts());
        counter(out, "strata_head_cut_failures", "Cuts of the head that failed and will be retried.", m.headCutFailures());
        counter(out, "strata_blocks_written", "Blocks written from the head.", m.blocksWritten());
        counter(out, "strata_compactions", "Block compactions.", m.compactions());
        counter(out, "strata_blocks_deleted_by_retention", "Blocks deleted by time or size retention.",
                m.blocksDeletedByRetention());
        return new MetricSnapshots(out);
    }

    private static CounterSnapshot rejected(Map<AppendStatus, Long> byStatus) {
        CounterSnapshot.Builder b = CounterSnapshot.builder()
                .name("strata_head_samples_rejected")
                .help("Samples the head refused, by reason.");
        for (AppendStatus s : AppendStatus.values()) {
            if (s.ok() || s == AppendStatus.UNKNOWN_SERIES) {
                continue; // UNKNOWN_SERIES is a cache miss the caller retries with labels, not a rejection
            }
            long n = byStatus.getOrDefault(s, 0L);
            b.dataPoint(CounterDataPointSnapshot.builder()
                    .labels(Labels.of("reason", s.name().toLowerCase(Locale.ROOT)))
                    .value(n)
                    .build());
        }
        return b.build();
    }

    private static void gauge(List<MetricSnapshot> out, String name, String help, double value) {
        out.add(GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build());
    }

    private static void counter(List<MetricSnapshot> out, String name, String help, double value) {
        out.add(CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build());
    }
}
