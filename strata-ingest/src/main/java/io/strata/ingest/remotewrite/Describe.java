package io.strata.ingest.remotewrite;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Renders rejected input for error messages: bounded in length, safe for any bytes. */
final class Describe {
    static final int MAX_LABELS_SHOWN = 16;
    private static final int MAX_TEXT = 128;

    private Describe() {}

    /** Bytes as text, invalid UTF-8 replaced by U+FFFD and long values shortened. */
    static String text(byte[] b, int off, int len) {
        if (len <= MAX_TEXT) {
            return new String(b, off, len, StandardCharsets.UTF_8);
        }
        return new String(b, off, MAX_TEXT, StandardCharsets.UTF_8) + "...(" + len + " bytes)";
    }

    static void quoted(String value, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }

    /** A timestamp as milliseconds and RFC 3339 (every long fits in {@link Instant}'s range). */
    static String timestamp(long millis) {
        return millis + " (" + Instant.ofEpochMilli(millis) + ")";
    }
}
