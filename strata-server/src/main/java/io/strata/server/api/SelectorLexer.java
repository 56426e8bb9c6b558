package io.strata.server.api;

import io.strata.model.GoQuote;
import io.strata.server.api.SelectorToken.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a series selector into tokens with PromQL's lexical rules: identifiers, the four match
 * operators, braces, commas, and strings in double quotes, single quotes or backticks with Go's
 * escapes ({@code \n}, {@code \x41}, {@code \101}, {@code \u00e9}, {@code \U0001F600}, ...). A lexical
 * error is returned as an {@link Kind#ERROR} token whose value is the message, positioned where
 * Prometheus positions it (a bad string is reported at its opening quote).
 */
final class SelectorLexer {
    private final String input;
    private int pos;
    private boolean insideBraces;

    SelectorLexer(String input) {
        this.input = input;
    }

    SelectorToken next() {
        skipSpaceAndComments();
        int start = pos;
        if (pos >= input.length()) {
            return insideBraces
                    ? error(start, "unexpected end of input inside braces")
                    : new SelectorToken(Kind.EOF, start, "", "");
        }
        int c = input.codePointAt(pos);
        return insideBraces ? insideBraces(start, c) : outsideBraces(start, c);
    }

    private SelectorToken outsideBraces(int start, int c) {
        if (isAlpha(c) || c == ':') {
            while (pos < input.length() && (isAlphaNumeric(input.charAt(pos)) || input.charAt(pos) == ':')) {
                pos++;
            }
            String word = input.substring(start, pos);
            return new SelectorToken(word.indexOf(':') >= 0 ? Kind.METRIC_IDENTIFIER : Kind.IDENTIFIER, start, word, word);
        }
        pos += Character.charCount(c);
        return switch (c) {
            case '{' -> {
                insideBraces = true;
                yield token(Kind.LEFT_BRACE, start);
            }
            case '}' -> error(start, "unexpected right bracket " + GoQuote.quoteRune(c));
            default -> error(start, "unexpected character: " + GoQuote.quoteRune(c));
        };
    }

    private SelectorToken insideBraces(int start, int c) {
        if (isAlpha(c)) {
            while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
                pos++;
            }
            String word = input.substring(start, pos);
            return new SelectorToken(Kind.IDENTIFIER, start, word, word);
        }
        if (c == '"' || c == '\'' || c == '`') {
            return string(start, (char) c);
        }
        pos += Character.charCount(c);
        switch (c) {
            case ',':
                return token(Kind.COMMA, start);
            case '}':
                insideBraces = false;
                return token(Kind.RIGHT_BRACE, start);
            case '=':
                if (pos < input.length() && input.charAt(pos) == '~') {
                    pos++;
                    return token(Kind.EQL_REGEX, start);
                }
                return token(Kind.EQL, start);
            case '!':
                if (pos < input.length() && (input.charAt(pos) == '=' || input.charAt(pos) == '~')) {
                    pos++;
                    return token(input.charAt(pos - 1) == '=' ? Kind.NEQ : Kind.NEQ_REGEX, start);
                }
                if (pos >= input.length()) {
                    return error(start, "unexpected end of input inside braces");
                }
                return error(start, "unexpected character after '!' inside braces: "
                        + GoQuote.quoteRune(input.codePointAt(pos)));
            case '{':
                return error(start, "unexpected left brace " + GoQuote.quoteRune(c));
            default:
                return error(start, "unexpected character inside braces: " + GoQuote.quoteRune(c));
        }
    }

    private SelectorToken string(int start, char quote) {
        pos++;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            if (pos >= input.length()) {
                return error(start, quote == '`' ? "unterminated raw string" : "unterminated quoted string");
            }
            int c = input.codePointAt(pos);
            pos += Character.charCount(c);
            if (c == quote) {
                String value = bytes.toString(StandardCharsets.UTF_8);
                return new SelectorToken(Kind.STRING, start, input.substring(start, pos), value);
            }
            if (quote != '`' && c == '\n') {
                return error(start, "unterminated quoted string");
            }
            if (quote != '`' && c == '\\') {
                String problem = escape(quote, bytes);
                if (problem != null) {
                    return error(start, problem);
                }
                continue;
            }
            bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Decodes one escape after a backslash into {@code out}; returns an error message or null. */
    private String escape(char quote, ByteArrayOutputStream out) {
        if (pos >= input.length()) {
            return "escape sequence not terminated";
        }
        int c = input.codePointAt(pos);
        pos += Character.charCount(c);
        int digits;
        int base;
        long max;
        switch (c) {
            case 'a' -> {
                out.write(7);
                return null;
            }
            case 'b' -> {
                out.write('\b');
                return null;
            }
            case 'f' -> {
                out.write('\f');
                return null;
            }
            case 'n' -> {
                out.write('\n');
                return null;
            }
            case 'r' -> {
                out.write('\r');
                return null;
            }
            case 't' -> {
                out.write('\t');
                return null;
            }
            case 'v' -> {
                out.write(11);
                return null;
            }
            case '\\' -> {
                out.write('\\');
                return null;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                pos--; // the first octal digit is part of the value
                digits = 3;
                base = 8;
                max = 255;
            }
            case 'x' -> {
                digits = 2;
                base = 16;
                max = 255;
            }
            case 'u' -> {
                digits = 4;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case 'U' -> {
                digits = 8;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            default -> {
                if (c == quote) {
                    out.write(quote);
                    return null;
                }
                return "unknown escape sequence " + GoQuote.unicode(c);
            }
        }
        long x = 0;
        for (int i = 0; i < digits; i++) {
            if (pos >= input.length()) {
                return "escape sequence not terminated";
            }
            char d = input.charAt(pos);
            int v = Character.digit(d, base);
            if (v < 0 || d > 127) {
                return "illegal character " + GoQuote.quoteRune(input.codePointAt(pos)) + " in escape sequence";
            }
            x = x * base + v;
            pos++;
        }
        if (x > max || (x >= 0xD800 && x < 0xE000)) {
            return "escape sequence is an invalid Unicode code point";
        }
        if (c == 'u' || c == 'U') {
            out.writeBytes(new String(Character.toChars((int) x)).getBytes(StandardCharsets.UTF_8));
        } else {
            out.write((int) x); // \x and octal escapes are raw bytes, as in Go
        }
        return null;
    }

    private void skipSpaceAndComments() {
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < input.length() && input.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private SelectorToken token(Kind kind, int start) {
        String text = input.substring(start, pos);
        return new SelectorToken(kind, start, text, text);
    }

    private SelectorToken error(int start, String message) {
        pos = input.length(); // nothing after a lexical error is meaningful
        return new SelectorToken(Kind.ERROR, start, "", message);
    }

    private static boolean isAlpha(int c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlphaNumeric(int c) {
        return isAlpha(c) || (c >= '0' && c <= '9');
    }
}
