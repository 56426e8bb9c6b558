package io.strata.bench.compare;

/**
 * The figures of the compare table, in report order. Each is measured once per server and run;
 * the report gives the median over runs, the min–max spread and Strata's ratio to each peer.
 * docs/bench-compare.md says how each is measured.
 */
public enum Figure {
    INGEST_RATE("ingest_samples_per_second", "backfill ingest, samples/s", true),
    INGEST_CPU("ingest_cpu_seconds_per_million", "backfill server CPU, s per 1M samples", false),
    INGEST_P50("ingest_latency_p50_ms", "backfill request latency p50, ms", false),
    INGEST_P99("ingest_latency_p99_ms", "backfill request latency p99, ms", false),
    LIVE_CPU("live_cpu_percent_per_100k", "live ingest CPU, % of a core per 100k samples/s", false),
    VISIBILITY_P50("visibility_p50_ms", "write-to-query visibility p50, ms", false),
    VISIBILITY_P99("visibility_p99_ms", "write-to-query visibility p99, ms", false),
    RSS_PER_SERIES("rss_bytes_per_series", "RSS per active series, bytes", false),
    DATA_BYTES("data_bytes_per_sample", "data bytes/sample after compaction", false),
    INDEX_BYTES("index_bytes_per_sample", "index bytes/sample after compaction", false),
    TOTAL_BYTES("total_bytes_per_sample", "everything in the data directory, bytes/sample", false),
    RESTART("restart_seconds", "restart after kill -9 until ready, s", false);

    private final String key;
    private final String label;
    private final boolean higherIsBetter;

    Figure(String key, String label, boolean higherIsBetter) {
        this.key = key;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    /** JSON key. */
    public String key() {
        return key;
    }

    /** Row label of the markdown table, with its unit. */
    public String label() {
        return label;
    }

    /** Whether a larger value is the better one (only ingest rate). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
