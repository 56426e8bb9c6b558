package io.strata.server.http;

/**
 * Answers one request. Runs on a request thread, never on a Netty event loop, so it may block on
 * storage. It may throw {@link io.strata.model.StrataException}; the server turns the error code
 * into a status and a body naming the problem. Any other exception is a bug: the client gets a
 * 500 with an id and the stack trace goes only to the server log.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request);
}
