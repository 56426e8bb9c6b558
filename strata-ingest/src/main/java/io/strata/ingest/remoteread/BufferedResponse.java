package io.strata.ingest.remoteread;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response whose body is already in memory: SAMPLES results and every error. */
record BufferedResponse(int status, Map<String, String> headers, byte[] body) implements RemoteReadResponse {
    BufferedResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A plain-text error, as Go's {@code http.Error} writes it. */
    static BufferedResponse error(int status, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain; charset=utf-8");
        headers.put("X-Content-Type-Options", "nosniff");
        return new BufferedResponse(status, headers, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The body as text, for tests and logs. */
    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public void writeBody(OutputStream out) throws IOException {
        out.write(body);
        out.flush();
    }
}
