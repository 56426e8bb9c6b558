package io.strata.server.config;

import io.strata.server.config.StrataConfig.WalSync;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The table of every setting. Flags, YAML keys, help text and docs/configuration.md all come from
 * here, so a key cannot exist in one place and not the other.
 */
public final class ConfigKeys {
    public static final List<ConfigKey> ALL = List.of(
            new ConfigKey("http.listenAddress", "listen-address", "ADDRESS",
                    "Address to listen on; 0.0.0.0 or :: mean every interface.", "0.0.0.0",
                    (b, v) -> b.listenAddress = nonEmpty(v),
                    c -> c.http().listenAddress()),
            new ConfigKey("http.port", "http-port", "PORT",
                    "HTTP port for all APIs; 0 picks a free port.", "7201",
                    (b, v) -> b.port = intIn(v, 0, 65535),
                    c -> Integer.toString(c.http().port())),
            new ConfigKey("http.adminApi", "admin-api", "BOOL",
                    "Enable the admin endpoints that change data (delete_series, flush).", "true",
                    (b, v) -> b.adminApi = bool(v),
                    c -> Boolean.toString(c.http().adminApi())),
            new ConfigKey("storage.dataDir", "data-dir", "DIR",
                    "Directory for the WAL and blocks.", "./data",
                    (b, v) -> b.dataDir = path(v),
                    c -> c.storage().dataDir().toString()),
            new ConfigKey("storage.retention", "retention", "DURATION",
                    "How long samples are kept.", "15d",
                    (b, v) -> b.retention = positive(PromDuration.parse(v)),
                    c -> PromDuration.format(c.storage().retention())),
            new ConfigKey("storage.retentionSize", "retention-size", "SIZE",
                    "Largest size of the blocks on disk before the oldest are deleted; 0 for no limit.", "0",
                    (b, v) -> b.retentionSizeBytes = ByteSize.parse(v),
                    c -> ByteSize.format(c.storage().retentionSizeBytes())),
            new ConfigKey("storage.blockDuration", "block-duration", "DURATION",
                    "Time range of the head cut into one immutable block.", "2h",
                    (b, v) -> b.blockDuration = wholeMinutes(PromDuration.parse(v)),
                    c -> PromDuration.format(c.storage().blockDuration())),
            new ConfigKey("storage.outOfOrderWindow", "out-of-order-window", "DURATION",
                    "How far behind the newest sample of its series a sample may arrive and still be accepted.",
                    "10m",
                    (b, v) -> b.outOfOrderWindow = PromDuration.parse(v),
                    c -> PromDuration.format(c.storage().outOfOrderWindow())),
            new ConfigKey("storage.walSync", "wal-sync", "MODE",
                    "When the WAL is fsynced: interval (every walSyncInterval) or always (before each acknowledgement).",
                    "interval",
                    (b, v) -> b.walSync = walSync(v),
                    c -> c.storage().walSync().name().toLowerCase(Locale.ROOT)),
            new ConfigKey("storage.walSyncInterval", "wal-sync-interval", "DURATION",
                    "Time between WAL fsyncs when walSync is interval.", "1s",
                    (b, v) -> b.walSyncInterval = positive(PromDuration.parse(v)),
                    c -> PromDuration.format(c.storage().walSyncInterval())),
            new ConfigKey("storage.walSegmentSize", "wal-segment-size", "SIZE",
                    "Size at which a WAL segment is closed and the next one started.", "128MiB",
                    (b, v) -> b.walSegmentSizeBytes = sizeIn(v, 64 * 1024, Long.MAX_VALUE),
                    c -> ByteSize.format(c.storage().walSegmentSizeBytes())),
            new ConfigKey("limits.maxRequestBytes", "max-request-bytes", "SIZE",
                    "Largest HTTP request body accepted; larger ones get 413.", "32MiB",
                    (b, v) -> b.maxRequestBytes = sizeIn(v, 1024, Integer.MAX_VALUE),
                    c -> ByteSize.format(c.limits().maxRequestBytes())),
            new ConfigKey("limits.maxDecompressedBytes", "max-decompressed-bytes", "SIZE",
                    "Largest size a remote-write body may decompress to; larger ones get 413.", "64MiB",
                    (b, v) -> b.maxDecompressedBytes = sizeIn(v, 1024, Integer.MAX_VALUE - 8),
                    c -> ByteSize.format(c.limits().maxDecompressedBytes())),
            new ConfigKey("limits.maxLabelsPerSeries", "max-labels-per-series", "N",
                    "Most labels a series may have, __name__ included.", "64",
                    (b, v) -> b.maxLabelsPerSeries = intIn(v, 1, Integer.MAX_VALUE),
                    c -> Integer.toString(c.limits().maxLabelsPerSeries())),
            new ConfigKey("limits.maxLabelNameLength", "max-label-name-length", "N",
                    "Longest label name accepted, in bytes of UTF-8.", "1024",
                    (b, v) -> b.maxLabelNameLength = intIn(v, 1, Integer.MAX_VALUE),
                    c -> Integer.toString(c.limits().maxLabelNameLength())),
            new ConfigKey("limits.maxLabelValueLength", "max-label-value-length", "N",
                    "Longest label value accepted, in bytes of UTF-8.", "4096",
                    (b, v) -> b.maxLabelValueLength = intIn(v, 1, Integer.MAX_VALUE),
                    c -> Integer.toString(c.limits().maxLabelValueLength())),
            new ConfigKey("limits.maxFutureSkew", "max-future-skew", "DURATION",
                    "How far ahead of the server's clock a sample may be.", "10m",
                    (b, v) -> b.maxFutureSkew = PromDuration.parse(v),
                    c -> PromDuration.format(c.limits().maxFutureSkew())),
            new ConfigKey("limits.maxSeries", "max-series", "N",
                    "Most series the head may hold; new series beyond it are rejected. 0 for no limit.", "0",
                    (b, v) -> b.maxSeries = longIn(v, 0, Long.MAX_VALUE),
                    c -> Long.toString(c.limits().maxSeries())),
            new ConfigKey("limits.remoteReadSampleLimit", "remote-read-sample-limit", "N",
                    "Most samples one remote-read response may hold; larger reads get 400.", "50000000",
                    (b, v) -> b.remoteReadSampleLimit = longIn(v, 1, Long.MAX_VALUE),
                    c -> Long.toString(c.limits().remoteReadSampleLimit())),
            new ConfigKey("ingest.sortUnsortedLabels", "sort-unsorted-labels", "BOOL",
                    "Sort the labels of remote-write series that arrive unsorted instead of rejecting them.",
                    "false",
                    (b, v) -> b.sortUnsortedLabels = bool(v),
                    c -> Boolean.toString(c.ingest().sortUnsortedLabels())),
            new ConfigKey("query.timeout", "query.timeout", "DURATION",
                    "Longest a query may run; a query's timeout parameter may only shorten it.", "2m",
                    (b, v) -> b.queryTimeout = positive(PromDuration.parse(v)),
                    c -> PromDuration.format(c.query().timeout())),
            new ConfigKey("query.maxSamples", "query.max-samples", "N",
                    "Most samples one query may hold in memory at once; larger queries fail with 422.", "50000000",
                    (b, v) -> b.queryMaxSamples = longIn(v, 1, Long.MAX_VALUE),
                    c -> Long.toString(c.query().maxSamples())),
            new ConfigKey("query.maxSeries", "query.max-series", "N",
                    "Most series one selector of a query may select; 0 for no limit.", "0",
                    (b, v) -> b.queryMaxSeries = longIn(v, 0, Long.MAX_VALUE),
                    c -> Long.toString(c.query().maxSeries())),
            new ConfigKey("query.lookbackDelta", "query.lookback-delta", "DURATION",
                    "How far back an instant selector looks for the latest sample of a series.", "5m",
                    (b, v) -> b.queryLookbackDelta = positive(PromDuration.parse(v)),
                    c -> PromDuration.format(c.query().lookbackDelta())),
            new ConfigKey("features.enable", "enable-feature", "NAME[,NAME...]",
                    "Optional features by Prometheus's names: " + String.join(", ", Features.KNOWN)
                            + ". Repeatable, comma-separated.",
                    "",
                    (b, v) -> b.features = Features.parse(v),
                    c -> Features.format(c.features().enabled()),
                    true));

    private ConfigKeys() {}

    /** The key with this YAML path, or {@code null}. */
    public static ConfigKey byPath(String path) {
        for (ConfigKey k : ALL) {
            if (k.path().equals(path)) {
                return k;
            }
        }
        return null;
    }

    private static String nonEmpty(String v) {
        if (v.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return v.trim();
    }

    private static Path path(String v) {
        return Path.of(nonEmpty(v));
    }

    private static int intIn(String v, int min, int max) {
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number: \"" + v + "\"");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("\"" + v + "\" is out of range [" + min + ", " + max + "]");
        }
        return (int) n;
    }

    private static long longIn(String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number: \"" + v + "\"");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("\"" + v + "\" is out of range [" + min + ", " + max + "]");
        }
        return n;
    }

    private static long sizeIn(String v, long min, long max) {
        long n = ByteSize.parse(v);
        if (n < min || n > max) {
            throw new IllegalArgumentException("\"" + v + "\" is out of range [" + ByteSize.format(min) + ", "
                    + ByteSize.format(max) + "]");
        }
        return n;
    }

    private static boolean bool(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false: \"" + v + "\"");
        };
    }

    private static WalSync walSync(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "interval" -> WalSync.INTERVAL;
            case "always" -> WalSync.ALWAYS;
            default -> throw new IllegalArgumentException("not interval or always: \"" + v + "\"");
        };
    }

    private static Duration positive(Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("must be greater than 0, got " + PromDuration.format(d));
        }
        return d;
    }

    /** Blocks are aligned to whole minutes, so their length must be one. */
    private static Duration wholeMinutes(Duration d) {
        if (d.toMillis() < 60_000 || d.toMillis() % 60_000 != 0) {
            throw new IllegalArgumentException("must be a whole number of minutes, at least 1m, got "
                    + PromDuration.format(d));
        }
        return d;
    }
}
