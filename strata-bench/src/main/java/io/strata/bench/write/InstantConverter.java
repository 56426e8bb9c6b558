package io.strata.bench.write;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses a point in time given on the command line: RFC 3339 ({@code 2025-06-01T12:00:00Z}) or epoch seconds. */
public final class InstantConverter {
    private InstantConverter() {}

    /**
     * Parses {@code text} given for {@code flag}.
     *
     * @throws IllegalArgumentException naming the flag and the value when it is neither form
     */
    public static Instant parse(String flag, String text) {
        if (text.matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(flag + " must be RFC 3339 (2025-01-31T12:00:00Z) or epoch seconds [value=" + text + "]", e);
        }
    }
}
