package io.strata.server.http;

import io.netty.handler.codec.http.HttpMethod;

/**
 * Passed down the pipeline in place of a request whose body exceeded the limit, so the 413 is
 * answered in order with earlier requests on the same connection.
 *
 * @param declaredLength the Content-Length the client sent, or -1 for a chunked body
 */
record OversizedRequest(HttpMethod method, String uri, long declaredLength, int limit) {}
