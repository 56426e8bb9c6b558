package io.strata.promql.parse;

import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.PositionRange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What one parse shares between the grammar classes: the token stream with its lookahead, the
 * list of errors, and the machinery that makes syntax errors read exactly as Prometheus's.
 *
 * <p>Prometheus parses with a yacc (LALR) grammar, and which message a syntax error gets depends
 * on the parser's state stack: yacc pops states until one can shift the special {@code error}
 * token, and that state's {@code error} production describes the lookahead token
 * ("unexpected identifier "b" in label matching, expected string"). This recursive-descent parser
 * reproduces that with a stack of {@link ErrorProduction}s: a construct whose yacc state has an
 * {@code error} production pushes it for as long as that state would be on yacc's stack, and a
 * syntax error is reported against the innermost one (or with no context at the top level).
 *
 * <p>After a syntax error the parse is abandoned ({@link SyntaxAbort}); the rest of the input is
 * still scanned, because yacc's error recovery reads it and a lexer error found there is
 * reported too. Semantic errors (wrong types, bad durations...) accumulate without stopping.
 *
 * <p>Tokens are read lazily, only when the grammar looks at them, which is also when yacc reads
 * its lookahead; that keeps the order of errors and the "last closing position" (where a node
 * ends) the same as Prometheus's.
 */
final class ParseState {
    /** A construct that has an {@code error} production in Prometheus's grammar. */
    record ErrorProduction(String context, String expected) {
    }

    /** Unwinds the parser after a syntax error has been recorded. Carries nothing. */
    static final class SyntaxAbort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private SyntaxAbort() {
            super(null, null, false, false);
        }
    }

    private static final SyntaxAbort ABORT = new SyntaxAbort();

    /**
     * How deeply expressions may nest. Prometheus has no limit (Go stacks grow); here the parser,
     * the type checker, the printer and the engine recurse over the tree, and a thread's stack is
     * fixed, so a pathological query gets a clear error instead of a StackOverflowError. Real
     * queries nest a few dozen levels at most.
     */
    static final int MAX_DEPTH = 1000;

    static final String TOO_DEEP = "query is nested too deeply: more than " + MAX_DEPTH + " levels";

    final byte[] input;
    final ParserOptions options;
    private final List<ParseError> errors = new ArrayList<>();
    private final Lexer lexer;
    private final ArrayDeque<ErrorProduction> productions = new ArrayDeque<>();

    private Token current;
    private Token second;
    private Token endToken;
    private int lastClosing;
    private int lastLexedPos;
    private int consumedEnd;
    private int abortDepth = -1;
    private int depth;
    // yacc's "errflag": after a recovered error, further syntax errors are not reported until
    // three tokens have been consumed.
    private int recovering;

    ParseState(byte[] input, ParserOptions options) {
        this.input = input;
        this.options = options;
        this.lexer = new Lexer(input);
    }

    List<ParseError> errors() {
        return errors;
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    // ---- tokens ----

    /** The lookahead token, read now if it has not been read yet. */
    Token current() {
        if (current == null) {
            current = fetch();
        }
        return current;
    }

    boolean at(TokenType t) {
        return current().type() == t;
    }

    /** The token after the lookahead, for the two decisions yacc makes with its own lookahead. */
    Token peekSecond() {
        current();
        if (second == null) {
            second = fetch();
        }
        return second;
    }

    /** Consumes the lookahead. */
    Token take() {
        Token t = current();
        consumedEnd = t.end();
        current = second;
        second = null;
        if (recovering > 0) {
            recovering--;
        }
        return t;
    }

    /** Where the last consumed token ends (a byte offset). */
    int consumedEnd() {
        return consumedEnd;
    }

    /** The input is exhausted, normally or because the lexer failed. */
    boolean atEnd() {
        TokenType t = current().type();
        return t == TokenType.EOF || t == TokenType.ERROR;
    }

    /**
     * Where the node being finished ends: the end of the last ")", "]", "}", number or duration
     * read so far, as Prometheus's {@code lastClosing}.
     */
    int lastClosing() {
        return lastClosing;
    }

    private Token fetch() {
        if (endToken != null) {
            return endToken;
        }
        Token t;
        do {
            t = lexer.next();
        } while (t.type() == TokenType.COMMENT);
        lastLexedPos = t.pos();
        switch (t.type()) {
            case ERROR -> {
                errors.add(new ParseError(new PositionRange(t.pos(), input.length), t.text()));
                endToken = t;
            }
            case EOF -> endToken = t;
            case RIGHT_BRACE, RIGHT_PAREN, RIGHT_BRACKET, DURATION, NUMBER -> lastClosing = t.end();
            default -> {
            }
        }
        return t;
    }

    /** Reads the rest of the input after a syntax error, so a later lexer error is reported. */
    void drain() {
        while (!atEnd()) {
            current = second;
            second = null;
        }
    }

    /**
     * Prometheus's {@code findPrevRightParen}: when the grammar had to read past a ")" to learn
     * that no {@code by}/{@code without} follows an aggregation, the last closing position is that
     * of the token read ahead; walk back over blanks to the previous ")".
     */
    int findPrevRightParen(int fallback) {
        if (fallback <= 0 || fallback > input.length || lastLexedPos <= 0 || lastLexedPos >= input.length
                || input[lastLexedPos] != ')') {
            return fallback;
        }
        for (int i = lastLexedPos - 1; i > 0; i--) {
            if (input[i] == ')') {
                return i + 1;
            }
            if (!Lexer.isSpace(input[i])) {
                return fallback;
            }
        }
        return fallback;
    }

    /** Enters one level of nesting of the grammar; fails the parse beyond {@link #MAX_DEPTH}. */
    void descend() {
        if (++depth > MAX_DEPTH) {
            error(current().range(), TOO_DEEP);
            abortDepth = -1;
            throw ABORT;
        }
    }

    void ascend() {
        depth--;
    }

    // ---- errors ----

    void error(PositionRange where, String message) {
        errors.add(new ParseError(where, message));
    }

    void pushProduction(String context, String expected) {
        productions.addLast(new ErrorProduction(context, expected));
    }

    void popProduction() {
        productions.removeLast();
    }

    int productionDepth() {
        return productions.size();
    }

    /**
     * A syntax error with no production of its own: reported against the innermost enclosing
     * production, whose action may then run ({@link #claimAbort}).
     */
    SyntaxAbort syntaxError() {
        ErrorProduction p = productions.peekLast();
        reportUnexpected(p == null ? "" : p.context(), p == null ? "" : p.expected());
        abortDepth = productions.size();
        return ABORT;
    }

    /** A syntax error caught by a named {@code error} production; no enclosing action runs. */
    SyntaxAbort syntaxError(String context, String expected) {
        reportUnexpected(context, expected);
        abortDepth = -1;
        return ABORT;
    }

    /**
     * A syntax error whose production lets parsing go on (the label matcher ones): reported, then
     * further reports are held back until three tokens have been consumed, as yacc does.
     */
    void recoverableError(String context, String expected) {
        reportUnexpected(context, expected);
        recovering = 3;
    }

    /** Skips the lookahead without counting it as consumed, as yacc discards a token. */
    void discard() {
        current = second;
        second = null;
    }

    /**
     * Whether the production at {@code depth} is the one that caught the last syntax error, in
     * which case the caller runs its action; claiming it prevents outer productions from running
     * theirs.
     */
    boolean claimAbort(int depth) {
        if (abortDepth == depth) {
            abortDepth = -1;
            return true;
        }
        return false;
    }

    /** Prometheus's {@code unexpected()}: describes the lookahead; a lexer error is not repeated. */
    private void reportUnexpected(String context, String expected) {
        Token t = current();
        if (t.type() == TokenType.ERROR || recovering > 0) {
            return;
        }
        StringBuilder msg = new StringBuilder("unexpected ").append(describe(t));
        if (!context.isEmpty()) {
            msg.append(" in ").append(context);
        }
        if (!expected.isEmpty()) {
            msg.append(", expected ").append(expected);
        }
        errors.add(new ParseError(t.range(), msg.toString()));
    }

    /** Prometheus's {@code Item.desc()}. */
    static String describe(Token t) {
        return switch (t.type()) {
            case EOF -> "end of input";
            case IDENTIFIER -> "identifier " + GoStrings.quote(t.text());
            case METRIC_IDENTIFIER -> "metric identifier " + GoStrings.quote(t.text());
            case NUMBER -> "number " + quotedValue(t.text());
            case DURATION -> "duration " + quotedValue(t.text());
            case STRING -> "string " + quotedValue(t.text());
            case ERROR, COMMENT -> t.text();
            default -> switch (t.type().group()) {
                case OPERATOR -> "<op:" + t.text() + ">";
                case AGGREGATOR -> "<aggr:" + t.text() + ">";
                case KEYWORD -> "<" + t.text() + ">";
                case PREPROCESSOR, OTHER -> quotedValue(t.text());
            };
        };
    }

    /** Go's {@code %q}, or {@code %.10q...} for values longer than ten bytes. */
    private static String quotedValue(String text) {
        if (GoStrings.toUtf8(text).length > 10) {
            return GoStrings.quotePrefix(text, 10) + "...";
        }
        return GoStrings.quote(text);
    }

    // ---- literals shared by the grammar classes ----

    /** Prometheus's {@code unquoteString}, returning raw bytes (see {@link GoStrings#unquote}). */
    byte[] unquote(Token t) {
        try {
            return GoStrings.unquote(input, t.pos(), t.end());
        } catch (GoStrings.UnquoteException e) {
            error(t.range(), "error unquoting string " + GoStrings.quote(t.text()) + ": " + e.getMessage());
            return new byte[0];
        }
    }

    String unquoteToString(Token t) {
        return GoStrings.fromUtf8(unquote(t));
    }

    /** {@code number_duration_literal}: consumes a NUMBER or DURATION token. */
    NumberLiteral numberLiteral() {
        Token t = take();
        if (t.is(TokenType.DURATION)) {
            return new NumberLiteral(durationSeconds(t), true, t.range());
        }
        return new NumberLiteral(numberValue(t), false, t.range());
    }

    /** The value of a NUMBER token, reporting Go's parse error if it has none. */
    double numberValue(Token t) {
        try {
            return GoNumbers.parseNumber(t.text());
        } catch (GoNumbers.NumberFormatError e) {
            error(t.range(), "error parsing number: " + e.getMessage());
            return 0;
        }
    }

    /** The value of a DURATION token in seconds, 0 after reporting a bad duration. */
    double durationSeconds(Token t) {
        try {
            return PromDurations.toSeconds(PromDurations.parseNanos(t.text()));
        } catch (PromDurations.DurationFormatError e) {
            error(t.range(), e.getMessage());
            return 0;
        }
    }
}
