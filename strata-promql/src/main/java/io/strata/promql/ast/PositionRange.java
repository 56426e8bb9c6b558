package io.strata.promql.ast;

/**
 * Byte offsets {@code [start, end)} of a node in the query text. Error messages and annotations
 * turn {@code start} into a 1-based {@code line:column}, as Prometheus does.
 */
public record PositionRange(int start, int end) {
    public static final PositionRange NONE = new PositionRange(0, 0);

    /** The smallest range covering both. */
    public PositionRange span(PositionRange other) {
        return new PositionRange(Math.min(start, other.start), Math.max(end, other.end));
    }

    /** "line:column" of {@code start} in {@code input}, both 1-based, column counted in bytes. */
    public String lineColumn(String input) {
        int line = 1;
        int lineStartByte = 0;
        int bytes = 0;
        for (int i = 0; i < input.length() && bytes < start; ) {
            int cp = input.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            bytes += len;
            i += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                lineStartByte = bytes;
            }
        }
        return line + ":" + (start - lineStartByte + 1);
    }
}
