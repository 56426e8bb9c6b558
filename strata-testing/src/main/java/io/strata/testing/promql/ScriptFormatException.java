package io.strata.testing.promql;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;

/** A test script breaks the format; the message is {@code file:line: reason}. */
public final class ScriptFormatException extends StrataException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final String reason;

    public ScriptFormatException(String file, int line, String reason) {
        super(ErrorCode.BAD_DATA, file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    /** 1-based line of the problem. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
