package io.strata.server.http;

/** Told about every answered request, for metrics. Called on request threads; must be thread-safe. */
@FunctionalInterface
public interface RequestObserver {
    /**
     * @param handler the route pattern, {@code notfound} for unknown paths
     * @param status the status sent
     * @param nanos time from receiving the whole request to having the response ready
     */
    void observe(String handler, int status, long nanos);
}
