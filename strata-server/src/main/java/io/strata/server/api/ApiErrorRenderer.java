package io.strata.server.api;

import io.strata.server.http.ErrorRenderer;
import io.strata.server.http.Response;

/**
 * Errors under {@code /api/} as Prometheus's JSON envelope; elsewhere as one line of text. Remote
 * write and read answer their own errors in text, as Prometheus does, before this is consulted.
 */
public final class ApiErrorRenderer implements ErrorRenderer {
    @Override
    public Response render(String path, int status, String errorType, String message) {
        if (path.startsWith("/api/")) {
            return Response.json(status, ApiJson.error(errorType, message));
        }
        return Response.text(status, message + "\n");
    }
}
