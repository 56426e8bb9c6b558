package io.strata.server.api;

import io.strata.model.StrataException;
import io.strata.server.http.ErrorCodes;
import io.strata.server.http.Handler;
import io.strata.server.http.Response;

/**
 * Prometheus's CORS headers on API responses, errors included (its default origin pattern allows
 * every origin), so browser-based tools can call the API directly and read its error messages.
 */
final class Cors {
    private Cors() {}

    static Handler wrap(Handler handler) {
        return request -> {
            String origin = request.header("Origin");
            if (origin == null) {
                return handler.handle(request);
            }
            Response response;
            try {
                response = handler.handle(request);
            } catch (StrataException e) {
                response = Response.json(ErrorCodes.statusOf(e.code()),
                        ApiJson.error(ErrorCodes.errorTypeOf(e.code()), e.getMessage()));
            }
            return response
                    .withHeader("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type, Origin")
                    .withHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                    .withHeader("Access-Control-Expose-Headers", "Date")
                    .withHeader("Access-Control-Allow-Origin", origin);
        };
    }
}
