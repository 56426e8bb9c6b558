package io.strata.server.config;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;

/**
 * A configuration that cannot be used; the message names the file, line and key (or the flag) and
 * the offending value. The CLI prints it without a stack trace and exits with code 2.
 */
public final class ConfigException extends StrataException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(ErrorCode.BAD_DATA, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(ErrorCode.BAD_DATA, message, cause);
    }
}
