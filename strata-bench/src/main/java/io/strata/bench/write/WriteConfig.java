package io.strata.bench.write;

import io.strata.ingest.remotewrite.RemoteWriteEncoder.Version;
import io.strata.testing.generate.NodeExporterDataset;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one {@code strata bench write} run needs, validated. Exactly one of {@code backfill}
 * (send the past {@code backfill} up to {@code end}, as fast as possible) and {@code live} (send
 * the current samples every interval for that long) is set.
 *
 * @param end last sample time of a backfill; {@code null} means now, rounded down to the interval
 * @param maxSkew how far (in sample time) a connection may run ahead of the slowest one
 */
public record WriteConfig(
        URI url,
        int hosts,
        Duration interval,
        Duration backfill,
        Duration live,
        Instant end,
        int connections,
        int batchSamples,
        Version protocol,
        long seed,
        boolean pregenerate,
        long maxRequests,
        int maxRetries,
        Duration timeout,
        Duration progressInterval,
        Duration maxSkew,
        Path json,
        Map<String, String> headers) {

    /** Upper bound on samples of one request; receivers limit request size (Prometheus to 32 MiB decoded). */
    public static final int MAX_BATCH_SAMPLES = 1_000_000;

    public WriteConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(protocol, "protocol");
        headers = Map.copyOf(headers);
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("--url must be an http(s) URL with a host, like http://127.0.0.1:7201/api/v1/write [url=" + url + "]");
        }
        if ((backfill == null) == (live == null)) {
            throw new IllegalArgumentException("give exactly one of --hours (backfill the past) and --duration (send live)");
        }
        check(hosts >= 1 && hosts <= NodeExporterDataset.MAX_HOSTS, "--hosts", hosts, "between 1 and " + NodeExporterDataset.MAX_HOSTS);
        check(interval.toMillis() >= 1, "--interval", DurationConverter.format(interval), "at least 1ms");
        if (backfill != null) {
            check(backfill.compareTo(interval) >= 0, "--hours", DurationConverter.format(backfill), "at least one --interval");
        }
        if (live != null) {
            check(live.compareTo(interval) >= 0, "--duration", DurationConverter.format(live), "at least one --interval");
        }
        check(connections >= 1 && connections <= 1024, "--connections", connections, "between 1 and 1024");
        check(batchSamples >= 1 && batchSamples <= MAX_BATCH_SAMPLES, "--batch-samples", batchSamples, "between 1 and " + MAX_BATCH_SAMPLES);
        check(maxRequests >= 1, "--max-requests", maxRequests, "at least 1");
        check(maxRetries >= 0 && maxRetries <= 100, "--max-retries", maxRetries, "between 0 and 100");
        check(!timeout.isNegative() && !timeout.isZero(), "--timeout", DurationConverter.format(timeout), "positive");
        check(!progressInterval.isNegative() && !progressInterval.isZero(), "--progress-interval",
                DurationConverter.format(progressInterval), "positive");
        check(!maxSkew.isNegative(), "--max-skew", DurationConverter.format(maxSkew), "zero or more");
    }

    private static void check(boolean ok, String flag, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(flag + " must be " + rule + " [value=" + value + "]");
        }
    }

    public boolean isBackfill() {
        return backfill != null;
    }

    public int seriesCount() {
        return hosts * NodeExporterDataset.SERIES_PER_HOST;
    }

    /** Sample timestamps per series: the backfill span or the live duration divided by the interval. */
    public long steps() {
        Duration span = isBackfill() ? backfill : live;
        return span.toMillis() / interval.toMillis();
    }

    /** Samples the whole run sends when nothing fails. */
    public long plannedSamples() {
        return steps() * seriesCount();
    }
}
