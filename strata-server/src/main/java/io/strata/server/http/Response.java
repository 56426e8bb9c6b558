package io.strata.server.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: status, content type, body and extra headers. The body array is owned
 * by the response once built.
 *
 * @param contentType {@code null} for a response without a body
 */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    public Response {
        headers = Map.copyOf(headers);
    }

    public static Response of(int status, String contentType, byte[] body) {
        return new Response(status, contentType, body, Map.of());
    }

    public static Response text(int status, String text) {
        return of(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Response json(int status, byte[] body) {
        return of(status, JSON, body);
    }

    public static Response noContent() {
        return new Response(204, null, new byte[0], Map.of());
    }

    /** A copy with one more header. */
    public Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, body, h);
    }
}
