package io.strata.bench.compare;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few admin calls the servers need (flush, merge, snapshot), failing loudly on a non-2xx answer. */
final class AdminHttp {
    /** A merge of a few hundred MB takes seconds on this kind of machine; leave room. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private AdminHttp() {}

    /** GETs {@code url} and returns the body. */
    static String get(URI url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build());
    }

    /** POSTs an empty body to {@code url} and returns the answer's body. */
    static String post(URI url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url).timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String send(HttpRequest request) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IOException(request.method() + " " + request.uri() + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }
    }
}
