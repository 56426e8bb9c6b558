package io.strata.server.http;

/**
 * The connection a request came on, as far as handlers need it: to learn that the client went
 * away, so that work done only for that client (a long query) can stop early.
 */
public interface ClientConnection {
    /** For requests not tied to a connection (tests, internal calls): never reports a close. */
    ClientConnection NONE = action -> () -> {};

    /**
     * Runs {@code action} once when the connection closes, on a Netty thread, so it must be quick
     * and thread-safe (setting a flag). Runs at once if the connection is closed already.
     *
     * @return closing it withdraws {@code action}
     */
    Registration onClose(Runnable action);

    /** Withdraws a close action; idempotent. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
