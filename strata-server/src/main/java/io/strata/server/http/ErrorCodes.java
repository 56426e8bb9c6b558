package io.strata.server.http;

import io.strata.model.ErrorCode;

/** How each {@link ErrorCode} appears over HTTP: Prometheus's status and {@code errorType}. */
public final class ErrorCodes {
    private ErrorCodes() {}

    public static int statusOf(ErrorCode code) {
        return switch (code) {
            case BAD_DATA -> 400;
            case EXECUTION -> 422;
            case TIMEOUT, UNAVAILABLE -> 503;
            case CANCELED -> 499;
            case NOT_FOUND -> 404;
            case INTERNAL -> 500;
        };
    }

    public static String errorTypeOf(ErrorCode code) {
        return switch (code) {
            case BAD_DATA -> "bad_data";
            case EXECUTION -> "execution";
            case TIMEOUT -> "timeout";
            case CANCELED -> "canceled";
            case UNAVAILABLE -> "unavailable";
            case NOT_FOUND -> "not_found";
            case INTERNAL -> "internal";
        };
    }
}
