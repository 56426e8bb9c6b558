package io.strata.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: status, content type, body and extra headers. The body array is owned
 * by the response once built.
 *
 * <p>A response may instead carry a {@link BodyWriter} that produces the body while it is sent
 * (chunked transfer encoding), so a large answer never sits in memory whole; its status and
 * headers are final before the first byte. If the writer fails, the connection is aborted, so the
 * client sees a broken response rather than a silently short one.
 *
 * @param contentType {@code null} for a response without a body
 * @param stream {@code null} for a response whose body is {@code body}
 * @param compressible false to send the body as it is even to clients that accept gzip (remote
 *     read: its clients expect exactly the protocol's bytes)
 */
public record Response(
        int status,
        String contentType,
        byte[] body,
        Map<String, String> headers,
        BodyWriter stream,
        boolean compressible) {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    /** Writes a streamed body; called once, on a request thread. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    public Response {
        headers = Map.copyOf(headers);
    }

    public Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null, true);
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

    /** A response whose body {@code writer} produces while it is sent. */
    public static Response streamed(int status, String contentType, Map<String, String> headers, BodyWriter writer) {
        return new Response(status, contentType, new byte[0], headers, writer, true);
    }

    /** A copy with one more header. */
    public Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, body, h, stream, compressible);
    }

    /** A copy that is never compressed by the server. */
    public Response uncompressed() {
        return new Response(status, contentType, body, headers, stream, false);
    }
}
