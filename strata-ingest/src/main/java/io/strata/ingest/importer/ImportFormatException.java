package io.strata.ingest.importer;

import java.io.IOException;

/** Malformed import input; the message starts with {@code source:line: } so the user can go there. */
public final class ImportFormatException extends IOException {
    private final String source;
    private final long line;

    public ImportFormatException(String source, long line, String message) {
        super(source + ":" + line + ": " + message);
        this.source = source;
        this.line = line;
    }

    /** The file (or other input) name. */
    public String source() {
        return source;
    }

    /** 1-based line number of the problem. */
    public long line() {
        return line;
    }
}
