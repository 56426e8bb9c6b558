package io.strata.model;

/** The one unchecked exception of Strata; its {@link ErrorCode} decides how callers react. */
public class StrataException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public StrataException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public StrataException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
