package io.strata.server.api;

import io.strata.model.GoQuote;

/**
 * One token of a series selector.
 *
 * @param start char index of the token in the input
 * @param text the token as written (with quotes for strings)
 * @param value for strings the unquoted value; for errors the message; else the text
 */
record SelectorToken(Kind kind, int start, String text, String value) {
    enum Kind {
        IDENTIFIER,
        METRIC_IDENTIFIER,
        STRING,
        LEFT_BRACE,
        RIGHT_BRACE,
        COMMA,
        EQL,
        NEQ,
        EQL_REGEX,
        NEQ_REGEX,
        EOF,
        ERROR
    }

    boolean isMatchOperator() {
        return kind == Kind.EQL || kind == Kind.NEQ || kind == Kind.EQL_REGEX || kind == Kind.NEQ_REGEX;
    }

    /** How Prometheus's parser names a token in "unexpected ..." messages. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of input";
            case IDENTIFIER -> "identifier " + GoQuote.quote(text);
            case METRIC_IDENTIFIER -> "metric identifier " + GoQuote.quote(text);
            case STRING -> "string " + GoQuote.quoteTruncated(text, 10);
            case LEFT_BRACE, RIGHT_BRACE, COMMA, EQL, NEQ, EQL_REGEX, NEQ_REGEX -> GoQuote.quote(text);
            case ERROR -> value;
        };
    }
}
