package io.strata.server.api;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * Escapes strings the way Go's encoding/json does, so our JSON is byte for byte Prometheus's:
 * {@code <}, {@code >} and {@code &} as backslash-u003c-style escapes (Go's HTML safety), control
 * characters as backslash-n, -r, -t or a lower-case backslash-u00XX escape, and U+2028/U+2029
 * escaped; everything else, including non-ASCII, written as UTF-8.
 */
final class GoJsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ASCII = standardAsciiEscapesForJSON();
    private static final SerializableString[] CUSTOM = new SerializableString[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII[c] = ESCAPE_CUSTOM;
            CUSTOM[c] = new SerializedString(switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> String.format("\\u%04x", c);
            });
        }
        for (char c : new char[] {'<', '>', '&'}) {
            ASCII[c] = ESCAPE_CUSTOM;
            CUSTOM[c] = new SerializedString(String.format("\\u%04x", (int) c));
        }
    }

    private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < 128) {
            return CUSTOM[ch];
        }
        if (ch == 0x2028) {
            return LINE_SEPARATOR;
        }
        if (ch == 0x2029) {
            return PARAGRAPH_SEPARATOR;
        }
        return null;
    }
}
