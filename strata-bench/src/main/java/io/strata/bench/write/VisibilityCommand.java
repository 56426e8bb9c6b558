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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strata bench visibility}: how long after a remote-write acknowledgement a sample can be
 * read back. Each probe writes one sample of a brand-new series, and from the moment the 2xx
 * arrives polls the series API (or an instant query) until the series shows up. The time from
 * acknowledgement to the first answer that contains it is the visibility latency; it includes one
 * HTTP round trip of polling, so it is an upper bound of the server's own delay.
 */
@Command(name = "visibility", mixinStandardHelpOptions = true,
        description = "Measure write-to-read visibility: time from a remote-write 2xx until the series API returns it.")
public final class VisibilityCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, description = "Base URL of the server, e.g. http://127.0.0.1:7201")
    URI base;

    @Option(names = "--write-path", defaultValue = "/api/v1/write", description = "Remote write path (default: ${DEFAULT-VALUE}).")
    String writePath;

    @Option(names = "--check", defaultValue = "series", description = "How to read back: series or query (default: ${DEFAULT-VALUE}).")
    String check;

    @Option(names = "--probes", defaultValue = "200", description = "Number of probes (default: ${DEFAULT-VALUE}).")
    int probes;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Give up on a probe after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Also write the summary as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (probes < 1 || probes > 100_000) {
            System.err.println("--probes must be between 1 and 100000, got " + probes);
            return 2;
        }
        String run = Long.toHexString(ThreadLocalRandom.current().nextLong());
        LatencyHistogram visible = new LatencyHistogram();
        LatencyHistogram acked = new LatencyHistogram();
        int lost = 0;
        try (RemoteWriteHttpClient writer = new RemoteWriteHttpClient(base.resolve(writePath), Version.V1, Map.of(), timeout);
                HttpClient reader = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            RemoteWriteEncoder encoder = new RemoteWriteEncoder(Version.V1);
            SnappyCompressor snappy = SnappyCompressor.create();
            for (int i = 0; i < probes; i++) {
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
                    System.err.printf("probe %d: write answered %d: %s%n", i, response.status(), response.body());
                    return 1;
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
                        // The endpoint is missing or refuses the request: polling cannot succeed.
                        System.err.printf("probe %d: read answered %d: %s%n", i, r.statusCode(), r.body());
                        return 1;
                    }
                    LockSupport.parkNanos(200_000);
                }
                if (seen) {
                    visible.record((System.nanoTime() - ackNanos) / 1_000);
                } else {
                    lost++;
                }
            }
        }
        String summary = String.format(Locale.ROOT,
                "visibility after ack over %d probes: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; "
                        + "write latency p50 %.2f ms, p99 %.2f ms; not visible within %s: %d",
                visible.count(), ms(visible.percentileMicros(0.5)), ms(visible.percentileMicros(0.9)),
                ms(visible.percentileMicros(0.99)), ms(visible.maxMicros()), ms(acked.percentileMicros(0.5)),
                ms(acked.percentileMicros(0.99)), timeout, lost);
        System.out.println(summary);
        if (json != null) {
            Files.writeString(json, String.format(Locale.ROOT,
                    "{\"probes\":%d,\"visible\":%d,\"notVisible\":%d,\"p50Ms\":%.3f,\"p90Ms\":%.3f,\"p99Ms\":%.3f,\"maxMs\":%.3f,"
                            + "\"writeP50Ms\":%.3f,\"writeP99Ms\":%.3f}%n",
                    probes, visible.count(), lost, ms(visible.percentileMicros(0.5)), ms(visible.percentileMicros(0.9)),
                    ms(visible.percentileMicros(0.99)), ms(visible.maxMicros()), ms(acked.percentileMicros(0.5)),
                    ms(acked.percentileMicros(0.99))));
        }
        return lost == 0 ? 0 : 1;
    }

    private URI readUri(String run, int probe, long timestampMillis) throws IOException {
        String selector = "strata_visibility_probe{run=\"" + run + "\",probe=\"" + probe + "\"}";
        String q = URLEncoder.encode(selector, StandardCharsets.UTF_8);
        double t = timestampMillis / 1000.0;
        return switch (check) {
            case "series" -> base.resolve(String.format(Locale.ROOT, "/api/v1/series?match[]=%s&start=%.3f&end=%.3f", q, t - 60, t + 60));
            case "query" -> base.resolve(String.format(Locale.ROOT, "/api/v1/query?query=%s&time=%.3f", q, t));
            default -> throw new IOException("--check must be series or query, got " + check);
        };
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
