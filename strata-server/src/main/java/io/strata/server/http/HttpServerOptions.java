package io.strata.server.http;

import java.time.Duration;

/**
 * @param listenAddress host or IP to bind; {@code 0.0.0.0} and {@code ::} bind the wildcard
 *     address, which on a dual-stack machine serves IPv4 and IPv6 like Prometheus's {@code :9090}
 * @param port 0 picks a free port (see {@link HttpServer#port()})
 * @param maxRequestBytes larger bodies get 413
 * @param shutdownTimeout how long {@link HttpServer#close()} waits for requests in flight
 * @param idleTimeout a connection without traffic and without a request in progress for this long
 *     is closed, like Prometheus's {@code --web.read-timeout}
 */
public record HttpServerOptions(
        String listenAddress, int port, int maxRequestBytes, Duration shutdownTimeout, Duration idleTimeout) {
    /** Prometheus's default read timeout. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
}
