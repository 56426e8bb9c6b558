package io.strata.ingest.remotewrite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the HTTP layer sends back: status, headers and a plain-text body (empty for 204).
 *
 * @param status HTTP status code
 * @param headers response headers in the order they should be written; immutable
 * @param body UTF-8 text, empty when there is nothing to say
 */
public record IngestResponse(int status, Map<String, String> headers, String body) {
    static final String CONTENT_TYPE = "Content-Type";
    static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    public IngestResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        Objects.requireNonNull(body, "body");
    }

    /** A plain-text error the way Go's {@code http.Error} writes it, plus {@code extraHeaders}. */
    static IngestResponse text(int status, String message, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put(CONTENT_TYPE, TEXT_PLAIN);
        headers.put("X-Content-Type-Options", "nosniff");
        return new IngestResponse(status, headers, message.endsWith("\n") ? message : message + "\n");
    }

    static IngestResponse noContent(Map<String, String> headers) {
        return new IngestResponse(204, headers, "");
    }
}
