package io.strata.bench.write;

import io.airlift.compress.v3.snappy.SnappyCompressor;
import io.strata.ingest.remotewrite.RemoteWriteEncoder;
import io.strata.ingest.remotewrite.RemoteWriteEncoder.Version;
import io.strata.model.Labels;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Write-to-read visibility probes, shared by {@code strata bench visibility} and the compare
 * harness. Each probe writes one sample of a brand-new series, and from the moment the 2xx
 * arrives polls the series API (or an instant query) until the series shows up. The time from
 * acknowledgement to the first answer that contains it is the visibility latency; it includes one
 * HTTP round trip of polling, so it is an upper bound of the server's own delay. Probes run one
 * after another; not thread-safe.
 */
public final class VisibilityProbe {
    /**
     * What the probes saw. Latencies are in milliseconds over the visible probes only, NaN when
     * none was visible.
     *
     * @param notVisible probes whose series did not show up within the timeout
     */
    public record Result(int probes, int visible, int notVisible, double p50Ms, double p90Ms, double p99Ms, double maxMs,
            double writeP50Ms, double writeP99Ms) {}

    private static final long MIN_POLL_PAUSE_NANOS = 200_000;
    private static final long MAX_POLL_PAUSE_NANOS = 10_000_000;

    private final URI base;
    private final String writePath;
    private final String check;
    private final Duration timeout;

    /**
     * @param base the server, e.g. {@code http://127.0.0.1:7201}
     * @param check {@code series} (poll {@code /api/v1/series}) or {@code query} (poll an instant query)
     * @param timeout how long one probe polls before it counts as not visible
     */
    public VisibilityProbe(URI base, String writePath, String check, Duration timeout) {
        if (!check.equals("series") && !check.equals("query")) {
            throw new IllegalArgumentException("--check must be series or query [value=" + check + "]");
        }
        this.base = base;
        this.writePath = writePath;
        this.check = check;
        this.timeout = timeout;
    }

    /**
     * Runs up to {@code probes} probes, fewer when {@code stopAtNanos} (a {@link System#nanoTime()}
     * value) passes first; a probe already polling finishes.
     *
     * @throws IOException when a write is refused or the read endpoint answers 4xx: polling could never succeed
     */
    public Result run(int probes, long stopAtNanos) throws IOException, InterruptedException {
        String run = Long.toHexString(ThreadLocalRandom.current().nextLong());
        LatencyHistogram visible = new LatencyHistogram();
        LatencyHistogram acked = new LatencyHistogram();
        int lost = 0;
        int sent = 0;
        try (RemoteWriteHttpClient writer = new RemoteWriteHttpClient(base.resolve(writePath), Version.V1, Map.of(), timeout);
                HttpClient reader = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            RemoteWriteEncoder encoder = new RemoteWriteEncoder(Version.V1);
            SnappyCompressor snappy = SnappyCompressor.create();
            for (int i = 0; i < probes && System.nanoTime() - stopAtNanos < 0; i++) {
                sent++;
                Labels labels = Labels.of("__name__", "strata_visibility_probe", "run", run, "probe", Integer.toString(i));
                long now = System.currentTimeMillis();
                encoder.reset();
                encoder.addSeries(labels, new long[] {now}, new double[] {i}, 0, 1);
                int len = encoder.finish();
                byte[] body = new byte[snappy.maxCompressedLength(len)];
                int bodyLength = snappy.compress(encoder.array(), 0, len, body, 0, body.length);
                long start = System.nanoTime();
                RemoteWriteHttpClient.Response response = writer.post(body, bodyLength);
                long ackNanos = System.nanoTime();
                if (!response.isSuccess()) {
                    throw new IOException("probe " + i + ": write answered " + response.status() + ": " + response.body());
                }
                acked.record((ackNanos - start) / 1_000);
                HttpRequest poll = HttpRequest.newBuilder(readUri(run, i, now)).timeout(timeout).GET().build();
                long deadline = ackNanos + timeout.toNanos();
                boolean seen = false;
                while (System.nanoTime() < deadline) {
                    HttpResponse<String> r = reader.send(poll, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("\"probe\":\"" + i + "\"")) {
                        seen = true;
                        break;
                    }
                    if (r.statusCode() / 100 == 4) {
                        throw new IOException("probe " + i + ": read answered " + r.statusCode() + ": " + r.body());
                    }
                    LockSupport.parkNanos(pollPause(System.nanoTime() - ackNanos));
                }
                if (seen) {
                    visible.record((System.nanoTime() - ackNanos) / 1_000);
                } else {
                    lost++;
                }
            }
        }
        boolean any = visible.count() > 0;
        return new Result(sent, (int) visible.count(), lost,
                any ? ms(visible.percentileMicros(0.5)) : Double.NaN,
                any ? ms(visible.percentileMicros(0.9)) : Double.NaN,
                any ? ms(visible.percentileMicros(0.99)) : Double.NaN,
                any ? ms(visible.maxMicros()) : Double.NaN,
                ms(acked.percentileMicros(0.5)), ms(acked.percentileMicros(0.99)));
    }

    /**
     * Pause before the next poll: 0.2 ms at first, then a tenth of the time waited so far, at most
     * 10 ms. Polling flat out for seconds against a server that shows new series late would load
     * it (and the CPU figure measured meanwhile) with thousands of series queries; this way the
     * poll count stays small while the measured latency is still within about 10% of the truth.
     */
    static long pollPause(long waitedNanos) {
        return Math.min(MAX_POLL_PAUSE_NANOS, Math.max(MIN_POLL_PAUSE_NANOS, waitedNanos / 10));
    }

    private URI readUri(String run, int probe, long timestampMillis) {
        String selector = "strata_visibility_probe{run=\"" + run + "\",probe=\"" + probe + "\"}";
        String q = URLEncoder.encode(selector, StandardCharsets.UTF_8);
        double t = timestampMillis / 1000.0;
        return check.equals("series")
                ? base.resolve(String.format(Locale.ROOT, "/api/v1/series?match[]=%s&start=%.3f&end=%.3f", q, t - 60, t + 60))
                : base.resolve(String.format(Locale.ROOT, "/api/v1/query?query=%s&time=%.3f", q, t));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
