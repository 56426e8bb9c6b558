package io.strata.promql.parse;

/**
 * The PromQL scanner: a state machine over the query's UTF-8 bytes, one state per kind of text
 * (statements, inside braces, inside brackets, strings, numbers...). It follows Prometheus's
 * {@code lex.go} closely because its quirks are visible: which message a bad character gets,
 * where an error starts, and that inside {@code [...]} only numbers, durations, {@code :},
 * arithmetic and {@code step()}/{@code range()}/{@code min_of()}/{@code max_of()} are tokens.
 *
 * <p>An error ends the scan: the error token is the last one, and nothing after it is read.
 * Not thread-safe; one lexer per parse.
 */
final class Lexer {
    private static final int EOF = -1;

    private enum State {
        STATEMENTS, INSIDE_BRACES, DURATION_EXPR, STRING, RAW_STRING, ESCAPE, SPACE, LINE_COMMENT,
        NUMBER_OR_DURATION, KEYWORD_OR_IDENTIFIER, IDENTIFIER, DONE
    }

    private final byte[] input;
    private State state = State.STATEMENTS;
    private int pos;
    private int start;
    private int width;
    private Token token;

    private int parenDepth;
    private boolean braceOpen;
    private boolean bracketOpen;
    private boolean gotColon;
    private boolean gotDuration;
    private int stringOpen;

    Lexer(byte[] input) {
        this.input = input;
    }

    /** The next token; after the end or an error, {@link TokenType#EOF} forever. */
    Token next() {
        token = null;
        if (state == State.DONE) {
            return new Token(TokenType.EOF, start, start, "");
        }
        while (token == null) {
            state = run(state);
        }
        return token;
    }

    private State run(State s) {
        return switch (s) {
            case STATEMENTS -> lexStatements();
            case INSIDE_BRACES -> lexInsideBraces();
            case DURATION_EXPR -> lexDurationExpr();
            case STRING -> lexString();
            case RAW_STRING -> lexRawString();
            case ESCAPE -> lexEscape();
            case SPACE -> lexSpace();
            case LINE_COMMENT -> lexLineComment();
            case NUMBER_OR_DURATION -> lexNumberOrDuration();
            case KEYWORD_OR_IDENTIFIER -> lexKeywordOrIdentifier();
            case IDENTIFIER -> lexIdentifier();
            case DONE -> {
                emit(TokenType.EOF);
                yield State.DONE;
            }
        };
    }

    // ---- primitives, as in lex.go ----

    private int nextRune() {
        if (pos >= input.length) {
            width = 0;
            return EOF;
        }
        int d = GoStrings.decodeRune(input, pos);
        width = GoStrings.width(d);
        pos += width;
        return GoStrings.rune(d);
    }

    private int peek() {
        int r = nextRune();
        backup();
        return r;
    }

    private void backup() {
        pos -= width;
    }

    private void emit(TokenType t) {
        token = new Token(t, start, pos, GoStrings.fromUtf8(slice(start, pos)));
        start = pos;
    }

    private void ignore() {
        start = pos;
    }

    private boolean accept(String valid) {
        if (valid.indexOf(nextRune()) >= 0) {
            return true;
        }
        backup();
        return false;
    }

    private boolean is(String valid) {
        int r = peek();
        return r >= 0 && valid.indexOf(r) >= 0;
    }

    private void acceptRun(String valid) {
        int r;
        do {
            r = nextRune();
        } while (r >= 0 && valid.indexOf(r) >= 0);
        backup();
    }

    /** Ends the scan with an error token starting where the current token started. */
    private State error(String message) {
        token = new Token(TokenType.ERROR, start, start, message);
        return State.DONE;
    }

    private byte[] slice(int from, int to) {
        byte[] b = new byte[to - from];
        System.arraycopy(input, from, b, 0, b.length);
        return b;
    }

    private String text(int from, int to) {
        return GoStrings.fromUtf8(slice(from, to));
    }

    // ---- states ----

    private State lexStatements() {
        if (braceOpen) {
            return State.INSIDE_BRACES;
        }
        if (pos < input.length && input[pos] == '#') {
            return State.LINE_COMMENT;
        }
        int r = nextRune();
        switch (r) {
            case EOF -> {
                if (parenDepth != 0) {
                    return error("unclosed left parenthesis");
                }
                if (bracketOpen) {
                    return error("unclosed left bracket");
                }
                emit(TokenType.EOF);
                return State.DONE;
            }
            case ',' -> emit(TokenType.COMMA);
            case '*' -> emit(TokenType.MUL);
            case '/' -> emit(TokenType.DIV);
            case '%' -> emit(TokenType.MOD);
            case '+' -> emit(TokenType.ADD);
            case '-' -> emit(TokenType.SUB);
            case '^' -> emit(TokenType.POW);
            case '=' -> {
                int t = peek();
                if (t == '=') {
                    nextRune();
                    emit(TokenType.EQLC);
                } else if (t == '~') {
                    return error("unexpected character after '=': " + GoStrings.quoteRune(t));
                } else {
                    emit(TokenType.EQL);
                }
            }
            case '!' -> {
                int t = nextRune();
                if (t != '=') {
                    return error("unexpected character after '!': " + GoStrings.quoteRune(t));
                }
                emit(TokenType.NEQ);
            }
            case '<' -> emitComparison(TokenType.LTE, TokenType.TRIM_UPPER, TokenType.LSS);
            case '>' -> emitComparison(TokenType.GTE, TokenType.TRIM_LOWER, TokenType.GTR);
            case '"', '\'' -> {
                stringOpen = r;
                return State.STRING;
            }
            case '`' -> {
                stringOpen = r;
                return State.RAW_STRING;
            }
            case '(' -> {
                emit(TokenType.LEFT_PAREN);
                parenDepth++;
            }
            case ')' -> {
                emit(TokenType.RIGHT_PAREN);
                parenDepth--;
                if (parenDepth < 0) {
                    return error("unexpected right parenthesis " + GoStrings.quoteRune(r));
                }
            }
            case '{' -> {
                emit(TokenType.LEFT_BRACE);
                braceOpen = true;
                return State.INSIDE_BRACES;
            }
            case '[' -> {
                if (bracketOpen) {
                    return error("unexpected left bracket " + GoStrings.quoteRune(r));
                }
                gotColon = false;
                emit(TokenType.LEFT_BRACKET);
                if (isSpace(peek())) {
                    skipSpaces();
                }
                bracketOpen = true;
                return State.DURATION_EXPR;
            }
            case ']' -> {
                if (!bracketOpen) {
                    return error("unexpected right bracket " + GoStrings.quoteRune(r));
                }
                emit(TokenType.RIGHT_BRACKET);
                bracketOpen = false;
            }
            case '@' -> emit(TokenType.AT);
            default -> {
                return lexStatementsOther(r);
            }
        }
        return State.STATEMENTS;
    }

    private void emitComparison(TokenType withEquals, TokenType withSlash, TokenType alone) {
        int t = peek();
        if (t == '=') {
            nextRune();
            emit(withEquals);
        } else if (t == '/') {
            nextRune();
            emit(withSlash);
        } else {
            emit(alone);
        }
    }

    private State lexStatementsOther(int r) {
        if (isSpace(r)) {
            return State.SPACE;
        }
        if (isDigit(r) || (r == '.' && isDigit(peek()))) {
            backup();
            return State.NUMBER_OR_DURATION;
        }
        if (isAlpha(r) || r == ':') {
            if (!bracketOpen) {
                backup();
                return State.KEYWORD_OR_IDENTIFIER;
            }
            // After a number inside [...] the lexer is back here; only ':' and the duration
            // keywords are allowed, as in lex.go.
            if (r == ':') {
                if (gotColon) {
                    return error("unexpected colon " + GoStrings.quoteRune(r));
                }
                emit(TokenType.COLON);
                gotColon = true;
                return State.STATEMENTS;
            }
            if (isDurationKeywordStart(r) && scanDurationKeyword()) {
                return State.STATEMENTS;
            }
            return error("unexpected character: " + GoStrings.quoteRune(r) + ", expected " + GoStrings.quoteRune(':'));
        }
        return error("unexpected character: " + GoStrings.quoteRune(r));
    }

    private State lexInsideBraces() {
        if (pos < input.length && input[pos] == '#') {
            return State.LINE_COMMENT;
        }
        int r = nextRune();
        switch (r) {
            case EOF -> {
                return error("unexpected end of input inside braces");
            }
            case ',' -> emit(TokenType.COMMA);
            case '"', '\'' -> {
                stringOpen = r;
                return State.STRING;
            }
            case '`' -> {
                stringOpen = r;
                return State.RAW_STRING;
            }
            case '=' -> {
                if (nextRune() == '~') {
                    emit(TokenType.EQL_REGEX);
                } else {
                    backup();
                    emit(TokenType.EQL);
                }
            }
            case '!' -> {
                int nr = nextRune();
                if (nr == '~') {
                    emit(TokenType.NEQ_REGEX);
                } else if (nr == '=') {
                    emit(TokenType.NEQ);
                } else {
                    return error("unexpected character after '!' inside braces: " + GoStrings.quoteRune(nr));
                }
            }
            case '{' -> {
                return error("unexpected left brace " + GoStrings.quoteRune(r));
            }
            case '}' -> {
                emit(TokenType.RIGHT_BRACE);
                braceOpen = false;
                return State.STATEMENTS;
            }
            default -> {
                if (isSpace(r)) {
                    return State.SPACE;
                }
                if (isAlpha(r)) {
                    backup();
                    return State.IDENTIFIER;
                }
                return error("unexpected character inside braces: " + GoStrings.quoteRune(r));
            }
        }
        return State.INSIDE_BRACES;
    }

    private State lexDurationExpr() {
        int r = nextRune();
        switch (r) {
            case EOF -> {
                return error("unexpected end of input in duration expression");
            }
            case ']' -> {
                emit(TokenType.RIGHT_BRACKET);
                bracketOpen = false;
                gotColon = false;
                return State.STATEMENTS;
            }
            case ':' -> {
                emit(TokenType.COLON);
                if (!gotDuration) {
                    return error("unexpected colon before duration in duration expression");
                }
                if (gotColon) {
                    return error("unexpected repeated colon in duration expression");
                }
                gotColon = true;
            }
            case '(' -> {
                emit(TokenType.LEFT_PAREN);
                parenDepth++;
            }
            case ')' -> {
                emit(TokenType.RIGHT_PAREN);
                parenDepth--;
                if (parenDepth < 0) {
                    return error("unexpected right parenthesis " + GoStrings.quoteRune(r));
                }
            }
            case '+' -> emit(TokenType.ADD);
            case '-' -> emit(TokenType.SUB);
            case '*' -> emit(TokenType.MUL);
            case '/' -> emit(TokenType.DIV);
            case '%' -> emit(TokenType.MOD);
            case '^' -> emit(TokenType.POW);
            case ',' -> emit(TokenType.COMMA);
            default -> {
                if (isSpace(r)) {
                    skipSpaces();
                    return State.DURATION_EXPR;
                }
                if (isDurationKeywordStart(r)) {
                    if (scanDurationKeyword()) {
                        return State.DURATION_EXPR;
                    }
                    return error("unexpected character in duration expression: " + GoStrings.quoteRune(r));
                }
                if (isDigit(r) || (r == '.' && isDigit(peek()))) {
                    backup();
                    gotDuration = true;
                    return State.NUMBER_OR_DURATION;
                }
                return error("unexpected character in duration expression: " + GoStrings.quoteRune(r));
            }
        }
        return State.DURATION_EXPR;
    }

    /** Scans the rest of a word that started with s, r or m; true if it was a duration keyword. */
    private boolean scanDurationKeyword() {
        while (true) {
            int r = nextRune();
            if (isAlpha(r)) {
                continue;
            }
            backup();
            TokenType t = switch (TokenType.asciiLowerCase(text(start, pos))) {
                case "step" -> TokenType.STEP;
                case "range" -> TokenType.RANGE;
                case "max_of" -> TokenType.MAX_OF;
                case "min_of" -> TokenType.MIN_OF;
                default -> null;
            };
            if (t == null) {
                return false;
            }
            emit(t);
            return true;
        }
    }

    private State lexEscape() {
        int ch = nextRune();
        int digits;
        int base;
        long max;
        switch (ch) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
                return State.STRING;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                digits = 3;
                base = 8;
                max = 255;
            }
            case 'x' -> {
                ch = nextRune();
                digits = 2;
                base = 16;
                max = 255;
            }
            case 'u' -> {
                ch = nextRune();
                digits = 4;
                base = 16;
                max = 0x10ffff;
            }
            case 'U' -> {
                ch = nextRune();
                digits = 8;
                base = 16;
                max = 0x10ffff;
            }
            case EOF -> {
                return error("escape sequence not terminated");
            }
            default -> {
                if (ch == stringOpen) {
                    return State.STRING;
                }
                return error("unknown escape sequence " + GoStrings.unicodeSharp(ch));
            }
        }
        long x = 0;
        while (digits > 0) {
            int d = ch < 0 ? 16 : GoStrings.hexValue(ch);
            if (d < 0 || d >= base) {
                if (ch == EOF) {
                    return error("escape sequence not terminated");
                }
                return error("illegal character " + GoStrings.unicodeSharp(ch) + " in escape sequence");
            }
            x = x * base + d;
            digits--;
            if (digits > 0) {
                ch = nextRune();
            }
        }
        if (x > max || (x >= 0xd800 && x < 0xe000)) {
            return error("escape sequence is an invalid Unicode code point");
        }
        return State.STRING;
    }

    private void skipSpaces() {
        while (isSpace(peek())) {
            nextRune();
        }
        ignore();
    }

    private State lexString() {
        while (true) {
            int r = nextRune();
            if (r == '\\') {
                return State.ESCAPE;
            }
            // As in Go, an encoded U+FFFD is indistinguishable from a bad byte here.
            if (r == GoStrings.RUNE_ERROR) {
                return error("invalid UTF-8 rune");
            }
            if (r == EOF || r == '\n') {
                return error("unterminated quoted string");
            }
            if (r == stringOpen) {
                emit(TokenType.STRING);
                return State.STATEMENTS;
            }
        }
    }

    private State lexRawString() {
        while (true) {
            int r = nextRune();
            if (r == GoStrings.RUNE_ERROR) {
                return error("invalid UTF-8 rune");
            }
            if (r == EOF) {
                return error("unterminated raw string");
            }
            if (r == stringOpen) {
                emit(TokenType.STRING);
                return State.STATEMENTS;
            }
        }
    }

    private State lexSpace() {
        while (isSpace(peek())) {
            nextRune();
        }
        ignore();
        return State.STATEMENTS;
    }

    private State lexLineComment() {
        pos++;
        int r = nextRune();
        while (r != '\r' && r != '\n' && r != EOF) {
            r = nextRune();
        }
        backup();
        emit(TokenType.COMMENT);
        return State.STATEMENTS;
    }

    private State lexNumberOrDuration() {
        if (scanNumber()) {
            emit(TokenType.NUMBER);
            return State.STATEMENTS;
        }
        if (acceptRemainingDuration()) {
            backup();
            emit(TokenType.DURATION);
            return State.STATEMENTS;
        }
        return error("bad number or duration syntax: " + GoStrings.quote(slice(start, pos), false));
    }

    /** After the digits of a duration: unit letters, possibly more digit/unit groups, then a non-word. */
    private boolean acceptRemainingDuration() {
        if (!accept("smhdwy")) {
            return false;
        }
        accept("s");
        while (accept("0123456789")) {
            while (accept("0123456789")) {
                // digits
            }
            if (!accept("smhdw")) {
                return false;
            }
            accept("s");
        }
        return !isAlphaNumeric(nextRune());
    }

    /**
     * Scans decimal, hex ({@code 0x...}) and float syntax with underscores; the text is not
     * necessarily a valid number (the parser checks). False if a letter follows, so the caller can
     * try a duration instead.
     */
    private boolean scanNumber() {
        int initial = pos;
        String digits = "0123456789";
        if (accept("0") && accept("xX")) {
            accept("_");
            digits = "0123456789abcdefABCDEF";
        }
        accept(".");
        accept(digits);
        boolean dotConsumed = false;
        boolean exponentConsumed = false;
        while (is(digits + "._eE")) {
            if (is(".") && dotConsumed) {
                accept(".");
                return false;
            }
            if (is("eE") && exponentConsumed) {
                accept("eE");
                return false;
            }
            if (accept(".")) {
                dotConsumed = true;
                if (accept("_.")) {
                    return false;
                }
                if (digits.length() > 10) {
                    return false; // no fractional hex literals
                }
                continue;
            }
            if (accept("eE")) {
                exponentConsumed = true;
                accept("+-");
                if (accept("._eE") || peek() == EOF) {
                    return false;
                }
                continue;
            }
            if (accept("_")) {
                if (accept("._eE") || peek() == EOF) {
                    return false;
                }
                continue;
            }
            acceptRun(digits);
        }
        if (pos == initial) {
            return false;
        }
        return !isAlphaNumeric(peek());
    }

    private State lexIdentifier() {
        int r;
        do {
            r = nextRune();
        } while (isAlphaNumeric(r));
        backup();
        emit(TokenType.IDENTIFIER);
        return State.STATEMENTS;
    }

    private State lexKeywordOrIdentifier() {
        int r;
        do {
            r = nextRune();
        } while (isAlphaNumeric(r) || r == ':');
        backup();
        String word = text(start, pos);
        TokenType kw = TokenType.forWord(word);
        if (kw != null) {
            // fill/fill_left/fill_right are keywords only before '(', so older queries that use
            // them as metric names keep working.
            boolean fill = kw == TokenType.FILL || kw == TokenType.FILL_LEFT || kw == TokenType.FILL_RIGHT;
            emit(fill && !followedByLeftParen() ? TokenType.IDENTIFIER : kw);
        } else if (word.indexOf(':') < 0) {
            emit(TokenType.IDENTIFIER);
        } else {
            emit(TokenType.METRIC_IDENTIFIER);
        }
        return State.STATEMENTS;
    }

    private boolean followedByLeftParen() {
        for (int p = pos; p < input.length; ) {
            int d = GoStrings.decodeRune(input, p);
            int r = GoStrings.rune(d);
            if (!isSpace(r)) {
                return r == '(';
            }
            p += GoStrings.width(d);
        }
        return false;
    }

    private static boolean isDurationKeywordStart(int r) {
        int lower = r >= 'A' && r <= 'Z' ? r + 32 : r;
        return lower == 's' || lower == 'r' || lower == 'm';
    }

    static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\n' || r == '\r';
    }

    private static boolean isAlphaNumeric(int r) {
        return isAlpha(r) || isDigit(r);
    }

    private static boolean isDigit(int r) {
        return r >= '0' && r <= '9';
    }

    private static boolean isAlpha(int r) {
        return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
    }
}
