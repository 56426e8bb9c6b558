package io.strata.server.importer;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.aggregator.rules.SeriesRoute;
import io.strata.aggregator.stream.BatchAggregator;
import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.server.config.AggregationSettings;
import io.strata.server.namespaces.NamespacedStorage;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import io.strata.tsdb.Tsdb;
import io.strata.tsdb.TsdbOptions;
import io.strata.tsdb.fs.StorageFiles;
import io.strata.tsdb.history.HistoryBlockWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports through the namespaces and rules, as live ingest would route the same series: raw
 * samples to the raw namespace (unless a drop rule keeps them out), aggregated windows to every
 * aggregated namespace a mapping or rollup rule names.
 *
 * <p>Sources may deliver a series in pieces and out of time order, while windows need each series
 * whole and in order. So the import stages everything first as blocks in a scratch directory
 * under the data directory, then reads the staged blocks back series by series (sorted by the
 * TSDB's merge) and writes the final blocks of every namespace. The scratch directory is deleted
 * at the end, and on failure nothing reaches the namespaces.
 */
public final class NamespacedImportTarget implements ImportTarget {
    private static final String STAGING_PREFIX = "import-staging-";
    private static final Duration STAGING_RETENTION = Duration.ofDays(365L * 1000);

    private final Path dataDir;
    private final AggregationSettings settings;
    private final long maxBufferedSamples;
    private final StorageFiles files;
    private final Path staging;
    private final HistoryBlockWriter staged;
    private final Map<String, HistoryBlockWriter> writers = new LinkedHashMap<>();
    private long minTime = Long.MAX_VALUE;
    private long seriesRouted;

    public NamespacedImportTarget(Path dataDir, AggregationSettings settings, long maxBufferedSamples, StorageFiles files)
            throws IOException {
        this.dataDir = dataDir;
        this.settings = settings;
        this.maxBufferedSamples = maxBufferedSamples;
        this.files = files;
        this.staging = dataDir.resolve(STAGING_PREFIX + System.nanoTime());
        Files.createDirectories(staging.resolve(RawImportTarget.BLOCKS_DIR));
        this.staged = new HistoryBlockWriter(staging.resolve(RawImportTarget.BLOCKS_DIR),
                settings.raw().blockDurationMillis(), maxBufferedSamples, files);
    }

    @Override
    public void accept(Labels labels, long[] timestamps, double[] values, int n) throws IOException {
        staged.add(labels, timestamps, values, n);
    }

    @Override
    public void close() throws IOException {
        staged.close();
        try {
            route();
            for (HistoryBlockWriter w : writers.values()) {
                w.close();
            }
        } catch (IOException | RuntimeException e) {
            abortWriters();
            throw e;
        } finally {
            deleteStaging();
        }
    }

    /** Reads the staged series back in order and writes each where the rules send it. */
    private void route() throws IOException {
        TsdbOptions options = TsdbOptions.builder().dataDir(staging).retention(STAGING_RETENTION)
                .blockDuration(Duration.ofMillis(settings.raw().blockDurationMillis())).backgroundWork(false).build();
        BatchAggregator aggregator = new BatchAggregator(settings.namespaces(),
                (ns, series, t, v) -> write(ns, series, new long[] {t}, new double[] {v}, 1));
        long[] times = new long[1024];
        double[] values = new double[1024];
        try (Tsdb tsdb = Tsdb.open(options); Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, SelectHints.range(Long.MIN_VALUE, Long.MAX_VALUE),
                    List.of(Matcher.of(MatchType.REGEX, Labels.METRIC_NAME, ".+")));
            SampleCursor cursor = null;
            while (set.next()) {
                Labels labels = set.at().labels();
                cursor = set.at().cursor(cursor);
                int n = 0;
                while (cursor.next() == SampleCursor.FLOAT) {
                    if (n == times.length) {
                        times = Arrays.copyOf(times, n * 2);
                        values = Arrays.copyOf(values, n * 2);
                    }
                    times[n] = cursor.timestamp();
                    values[n] = cursor.value();
                    n++;
                }
                if (n == 0) {
                    continue;
                }
                minTime = Math.min(minTime, times[0]);
                SeriesRoute route = settings.rules().route(labels);
                if (route.storeRaw()) {
                    write(settings.raw().name(), labels, times, values, n);
                }
                aggregator.series(route, labels, times, values, n);
                seriesRouted++;
            }
        }
        aggregator.finish();
    }

    private void write(String namespace, Labels series, long[] t, double[] v, int n) throws IOException {
        HistoryBlockWriter w = writers.get(namespace);
        if (w == null) {
            NamespaceSpec spec = settings.rules().namespace(namespace);
            Path blocks = NamespacedStorage.directory(dataDir, spec).resolve(RawImportTarget.BLOCKS_DIR);
            Files.createDirectories(blocks);
            w = new HistoryBlockWriter(blocks, spec.blockDurationMillis(), maxBufferedSamples, files);
            writers.put(namespace, w);
        }
        w.add(series, t, v, n);
    }

    @Override
    public void abort() throws IOException {
        try {
            staged.abort();
            abortWriters();
        } finally {
            deleteStaging();
        }
    }

    private void abortWriters() throws IOException {
        for (HistoryBlockWriter w : writers.values()) {
            w.abort();
        }
    }

    private void deleteStaging() throws IOException {
        files.deleteRecursively(staging);
    }

    /** Oldest timestamp imported; {@code Long.MAX_VALUE} when nothing was. */
    public long minTime() {
        return minTime;
    }

    @Override
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(seriesRouted).append(" series routed");
        for (Map.Entry<String, HistoryBlockWriter> e : writers.entrySet()) {
            HistoryBlockWriter w = e.getValue();
            sb.append("; ").append(e.getKey()).append(": ").append(w.samplesWritten()).append(" samples in ")
                    .append(w.blocksWritten()).append(" blocks");
        }
        return sb.toString();
    }
}
