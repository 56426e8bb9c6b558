package io.strata.ingest.remotewrite;

import java.util.Objects;

/**
 * One {@code POST /api/v1/write} as the HTTP layer received it. Header values are passed as sent,
 * {@code null} when absent.
 *
 * @param contentType the {@code Content-Type} header
 * @param contentEncoding the {@code Content-Encoding} header
 * @param remoteWriteVersion the {@code X-Prometheus-Remote-Write-Version} header; informational
 *     only, since the content type decides the protocol (as in Prometheus's own receiver)
 * @param body the request body; only the first {@code bodyLength} bytes are read, so a pooled
 *     buffer may be passed. The handler does not keep it after {@code handle} returns.
 * @param bodyLength number of valid bytes in {@code body}
 */
public record RemoteWriteRequest(
        String contentType, String contentEncoding, String remoteWriteVersion, byte[] body, int bodyLength) {
    public RemoteWriteRequest {
        Objects.requireNonNull(body, "body");
        if (bodyLength < 0 || bodyLength > body.length) {
            throw new IllegalArgumentException(
                    "bodyLength " + bodyLength + " outside the body array of " + body.length + " bytes");
        }
    }

    /** A request whose body is the whole array. */
    public static RemoteWriteRequest of(String contentType, String contentEncoding, String version, byte[] body) {
        return new RemoteWriteRequest(contentType, contentEncoding, version, body, body.length);
    }
}
