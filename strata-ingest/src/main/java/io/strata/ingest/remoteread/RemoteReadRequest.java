package io.strata.ingest.remoteread;

import java.util.Objects;

/**
 * One {@code POST /api/v1/read} as the HTTP layer received it: a snappy-compressed
 * {@code prometheus.ReadRequest}. Header values are {@code null} when absent.
 *
 * @param contentType the {@code Content-Type} header (Prometheus sends {@code application/x-protobuf})
 * @param contentEncoding the {@code Content-Encoding} header; absent or {@code snappy}
 * @param body the request body; only the first {@code bodyLength} bytes are read
 * @param bodyLength number of valid bytes in {@code body}
 */
public record RemoteReadRequest(String contentType, String contentEncoding, byte[] body, int bodyLength) {
    public RemoteReadRequest {
        Objects.requireNonNull(body, "body");
        if (bodyLength < 0 || bodyLength > body.length) {
            throw new IllegalArgumentException(
                    "bodyLength " + bodyLength + " outside the body array of " + body.length + " bytes");
        }
    }

    public static RemoteReadRequest of(String contentType, String contentEncoding, byte[] body) {
        return new RemoteReadRequest(contentType, contentEncoding, body, body.length);
    }
}
