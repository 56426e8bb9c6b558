package io.strata.server.ingest;

import io.strata.ingest.remotewrite.IngestResponse;
import io.strata.ingest.remotewrite.RemoteWriteHandler;
import io.strata.ingest.remotewrite.RemoteWriteRequest;
import io.strata.server.http.Handler;
import io.strata.server.http.Request;
import io.strata.server.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/write}: adapts the framework-free remote-write handler to the HTTP server.
 * Its answers (204, or a plain-text 4xx/5xx that counts what was rejected and why) pass through
 * unchanged, as Prometheus's receiver writes them.
 */
public final class RemoteWriteRoute implements Handler {
    static final String VERSION_HEADER = "X-Prometheus-Remote-Write-Version";

    private final RemoteWriteHandler handler;

    public RemoteWriteRoute(RemoteWriteHandler handler) {
        this.handler = handler;
    }

    @Override
    public Response handle(Request request) {
        byte[] body = request.body();
        IngestResponse answer = handler.handle(new RemoteWriteRequest(
                request.header("Content-Type"), request.header("Content-Encoding"), request.header(VERSION_HEADER),
                body, body.length));
        return toResponse(answer.status(), answer.headers(), answer.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Moves Content-Type out of the header map into the response's own field. */
    static Response toResponse(int status, Map<String, String> headers, byte[] body) {
        Map<String, String> rest = new LinkedHashMap<>();
        String contentType = null;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Type")) {
                contentType = h.getValue();
            } else {
                rest.put(h.getKey(), h.getValue());
            }
        }
        return new Response(status, body.length == 0 ? null : contentType, body, rest);
    }
}
