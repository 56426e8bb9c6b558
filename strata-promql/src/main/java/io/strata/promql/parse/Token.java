package io.strata.promql.parse;

import io.strata.promql.ast.PositionRange;

/**
 * One token of a query.
 *
 * @param type what was scanned
 * @param pos byte offset of the first byte in the query
 * @param end byte offset just after the last byte; equals {@code pos} for {@link TokenType#EOF}
 *     and {@link TokenType#ERROR}
 * @param text the scanned text (for a string, with its quotes and escapes; bytes that are not
 *     valid UTF-8 read as U+FFFD), or the message for {@link TokenType#ERROR}
 */
record Token(TokenType type, int pos, int end, String text) {
    PositionRange range() {
        return new PositionRange(pos, end);
    }

    boolean is(TokenType t) {
        return type == t;
    }
}
