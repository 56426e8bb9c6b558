package io.strata.server.http;

/**
 * Turns an error into a response body: the server calls it for errors it detects itself (unknown
 * path, wrong method, oversized body, malformed request) and for exceptions thrown by handlers.
 * The message names the problem and the value; it never contains a stack trace.
 */
@FunctionalInterface
public interface ErrorRenderer {
    /**
     * @param path the request path, so API paths can answer in the API's format
     * @param errorType Prometheus's error type, e.g. {@code bad_data}
     */
    Response render(String path, int status, String errorType, String message);
}
