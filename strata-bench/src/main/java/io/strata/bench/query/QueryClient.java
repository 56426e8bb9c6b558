package io.strata.bench.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends one query at a time over a keep-alive HTTP/1.1 connection with the JDK's client and
 * times it on the client side, from just before the request is sent until the last byte of the
 * body is in: what a dashboard waits for. The body is parsed only after the clock stops, so the
 * benchmark's own JSON work is not counted. No {@code Accept-Encoding} is sent: every target
 * answers uncompressed, and compression CPU does not blur the comparison. Thread-safe.
 */
public final class QueryClient implements AutoCloseable {
    /** One timed exchange: the answer and the wall time it took, in nanoseconds. */
    public record Timed(QueryAnswer answer, long nanos) {}

    private final HttpClient client;
    private final Duration timeout;

    public QueryClient(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * GETs {@code uri} and parses the answer.
     *
     * @throws IOException when no HTTP answer came (refused, reset, timed out)
     */
    public Timed get(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "strata-bench")
                .GET()
                .build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - start;
        return new Timed(QueryAnswerParser.parse(response.statusCode(), response.body()), nanos);
    }

    @Override
    public void close() {
        client.close();
    }
}
