package io.strata.bench.write;

import io.strata.ingest.remotewrite.RemoteWriteEncoder.Version;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * POSTs compressed remote-write bodies over HTTP/1.1 keep-alive connections with the JDK's
 * {@link HttpClient}. Each sending thread keeps one request in flight, so the client's pool holds
 * one connection per sender. Measured on loopback, this client sustains far more than the 1M
 * samples/s a single receiver takes on a small machine (see docs/load-generator.md), so Netty's
 * client would add code without moving the bottleneck. Thread-safe.
 */
final class RemoteWriteHttpClient implements AutoCloseable {
    /**
     * Result of one attempt: the status, the start of the response body, Retry-After if sent, and
     * the samples the receiver says it wrote (remote write 2.0's
     * {@code X-Prometheus-Remote-Write-Samples-Written}; 1.0 receivers do not send it).
     */
    record Response(int status, String body, OptionalLong retryAfterMillis, OptionalLong samplesWritten) {
        boolean isSuccess() {
            return status / 100 == 2;
        }

        /** Remote write senders retry on 5xx and 429 and never on other 4xx (the specification's rule). */
        boolean isRetryable() {
            return status / 100 == 5 || status == 429;
        }
    }

    private final HttpClient client;
    private final URI url;
    private final String[] headers;
    private final Duration timeout;

    RemoteWriteHttpClient(URI url, Version version, Map<String, String> extraHeaders, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        List<String> h = new ArrayList<>(List.of(
                "Content-Type", version.contentType(),
                "Content-Encoding", "snappy",
                "X-Prometheus-Remote-Write-Version", version.versionHeader(),
                "User-Agent", "strata-bench"));
        extraHeaders.forEach((k, v) -> {
            h.add(k);
            h.add(v);
        });
        this.headers = h.toArray(String[]::new);
    }

    /** Sends one body; an IOException means no HTTP answer (refused, reset, timed out). */
    Response post(byte[] body, int length) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .headers(headers)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, length))
                .build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = response.body();
        String text = bytes.length == 0 ? "" : new String(bytes, 0, Math.min(bytes.length, 4_096), StandardCharsets.UTF_8);
        return new Response(response.statusCode(), text, retryAfter(response), samplesWritten(response));
    }

    private static OptionalLong samplesWritten(HttpResponse<?> response) {
        return response.headers().firstValue("X-Prometheus-Remote-Write-Samples-Written")
                .filter(v -> v.strip().matches("\\d{1,18}"))
                .map(v -> OptionalLong.of(Long.parseLong(v.strip())))
                .orElse(OptionalLong.empty());
    }

    /** Retry-After in seconds (the HTTP-date form is rare from metric receivers and is ignored). */
    private static OptionalLong retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(v -> v.strip().matches("\\d{1,6}"))
                .map(v -> OptionalLong.of(Long.parseLong(v.strip()) * 1_000))
                .orElse(OptionalLong.empty());
    }

    @Override
    public void close() {
        client.close();
    }
}
