package io.strata.server.api;

import io.strata.server.http.Handler;
import io.strata.server.http.Response;

/**
 * Prometheus's CORS headers on API responses (its default origin pattern allows every origin), so
 * browser-based tools can call the API directly.
 */
final class Cors {
    private Cors() {}

    static Handler wrap(Handler handler) {
        return request -> {
            Response response = handler.handle(request);
            String origin = request.header("Origin");
            if (origin == null) {
                return response;
            }
            return response
                    .withHeader("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type, Origin")
                    .withHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                    .withHeader("Access-Control-Expose-Headers", "Date")
                    .withHeader("Access-Control-Allow-Origin", origin);
        };
    }
}
