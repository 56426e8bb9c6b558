package io.strata.model;

/**
 * What went wrong, grouped by who must act. The HTTP layer maps each code to a status and to
 * Prometheus's {@code errorType}; nobody parses message text.
 */
public enum ErrorCode {
    /** The caller sent something invalid (400, {@code bad_data}). */
    BAD_DATA,
    /** A valid request failed while running, e.g. a limit was exceeded (422, {@code execution}). */
    EXECUTION,
    /** The request ran out of time (503, {@code timeout}). */
    TIMEOUT,
    /** The caller went away or cancelled (499-like, {@code canceled}). */
    CANCELED,
    /** The server cannot take the request now: disk full, fsync failed, shutting down (503). */
    UNAVAILABLE,
    /** Something the caller asked for does not exist (404, {@code not_found}). */
    NOT_FOUND,
    /** A bug or an unexpected storage failure (500, {@code internal}). */
    INTERNAL
}
