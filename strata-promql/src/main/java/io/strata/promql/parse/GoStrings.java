package io.strata.promql.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The string handling of Go that PromQL exposes: UTF-8 decoding that turns a bad byte into
 * U+FFFD of width 1, {@code strconv.Quote}/{@code %q} quoting (error messages and the printer
 * must match Prometheus byte for byte), {@code %#U}, and the unquoting of PromQL string literals.
 * Queries are handled as UTF-8 bytes because positions in error messages are byte offsets and a
 * query may hold bytes that are not valid UTF-8.
 */
final class GoStrings {
    /** What a bad UTF-8 sequence decodes to. */
    static final int RUNE_ERROR = 0xFFFD;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoStrings() {
    }

    /**
     * Decodes the rune at {@code i} the way Go's {@code utf8.DecodeRune} does: an invalid or
     * truncated sequence yields {@link #RUNE_ERROR} with width 1. Returns the rune and its width
     * packed by {@link #pack}; read them with {@link #rune} and {@link #width}.
     */
    static int decodeRune(byte[] b, int i) {
        int b0 = b[i] & 0xff;
        if (b0 < 0x80) {
            return pack(b0, 1);
        }
        int need;
        int min2;
        int max2;
        int cp;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            need = 1;
            min2 = 0x80;
            max2 = 0xbf;
            cp = b0 & 0x1f;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            need = 2;
            min2 = b0 == 0xe0 ? 0xa0 : 0x80;
            max2 = b0 == 0xed ? 0x9f : 0xbf;
            cp = b0 & 0x0f;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            need = 3;
            min2 = b0 == 0xf0 ? 0x90 : 0x80;
            max2 = b0 == 0xf4 ? 0x8f : 0xbf;
            cp = b0 & 0x07;
        } else {
            return pack(RUNE_ERROR, 1);
        }
        if (i + need >= b.length) {
            return pack(RUNE_ERROR, 1);
        }
        for (int k = 1; k <= need; k++) {
            int bk = b[i + k] & 0xff;
            int lo = k == 1 ? min2 : 0x80;
            int hi = k == 1 ? max2 : 0xbf;
            if (bk < lo || bk > hi) {
                return pack(RUNE_ERROR, 1);
            }
            cp = (cp << 6) | (bk & 0x3f);
        }
        return pack(cp, need + 1);
    }

    static int pack(int rune, int width) {
        return (width << 21) | rune;
    }

    static int rune(int packed) {
        return packed & 0x1fffff;
    }

    static int width(int packed) {
        return packed >>> 21;
    }

    /** Whether the bytes are valid UTF-8 (an encoded U+FFFD is valid). */
    static boolean isValidUtf8(byte[] b) {
        for (int i = 0; i < b.length; ) {
            int d = decodeRune(b, i);
            if (width(d) == 1 && rune(d) == RUNE_ERROR && (b[i] & 0xff) >= 0x80) {
                return false;
            }
            i += width(d);
        }
        return true;
    }

    /**
     * Encodes a Java string as UTF-8, writing an unpaired surrogate as its three-byte form (which
     * is not valid UTF-8, so the lexer reports it instead of silently turning it into {@code ?}).
     */
    static byte[] toUtf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(i + 1));
                i++;
            }
            appendRune(out, cp);
        }
        return out.toByteArray();
    }

    static String fromUtf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void appendRune(ByteArrayOutputStream out, int cp) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xc0 | (cp >> 6));
            out.write(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            out.write(0xe0 | (cp >> 12));
            out.write(0x80 | ((cp >> 6) & 0x3f));
            out.write(0x80 | (cp & 0x3f));
        } else {
            out.write(0xf0 | (cp >> 18));
            out.write(0x80 | ((cp >> 12) & 0x3f));
            out.write(0x80 | ((cp >> 6) & 0x3f));
            out.write(0x80 | (cp & 0x3f));
        }
    }

    /** Go's {@code strconv.Quote} (also {@code %q} of a string). */
    static String quote(String s) {
        return quote(toUtf8(s), false);
    }

    /**
     * Go's {@code strconv.Quote} over raw bytes: bytes that are not UTF-8 become {@code \xNN}.
     *
     * @param escapeReplacementChar also escape a well-formed U+FFFD as {@code \ufffd}; Go would
     *     write it raw, but Prometheus's lexer rejects a raw U+FFFD inside a string, so the printer
     *     escapes it to keep its output parseable
     */
    static String quote(byte[] s, boolean escapeReplacementChar) {
        StringBuilder sb = new StringBuilder(s.length + 2).append('"');
        for (int i = 0; i < s.length; ) {
            int d = decodeRune(s, i);
            int r = rune(d);
            int w = width(d);
            if (w == 1 && r == RUNE_ERROR) {
                sb.append("\\x").append(HEX[(s[i] >> 4) & 0xf]).append(HEX[s[i] & 0xf]);
            } else if (escapeReplacementChar && r == RUNE_ERROR) {
                sb.append("\\ufffd");
            } else {
                appendEscapedRune(sb, r, '"');
            }
            i += w;
        }
        return sb.append('"').toString();
    }

    /** Go's {@code %.10q}: the first {@code maxRunes} runes, quoted. */
    static String quotePrefix(String s, int maxRunes) {
        byte[] b = toUtf8(s);
        int i = 0;
        for (int n = 0; n < maxRunes && i < b.length; n++) {
            i += width(decodeRune(b, i));
        }
        byte[] head = new byte[i];
        System.arraycopy(b, 0, head, 0, i);
        return quote(head, false);
    }

    /**
     * Go's {@code %q} of a rune: {@code 'x'}. A value that is not a valid rune (the lexer's end of
     * input, -1) prints as the replacement character, as it does in Go.
     */
    static String quoteRune(int r) {
        if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) {
            r = RUNE_ERROR;
        }
        StringBuilder sb = new StringBuilder(6).append('\'');
        appendEscapedRune(sb, r, '\'');
        return sb.append('\'').toString();
    }

    /** Go's {@code %#U}: {@code U+0063 'c'}, or just {@code U+000A} when not printable. */
    static String unicodeSharp(int r) {
        String hex = Integer.toHexString(r).toUpperCase(java.util.Locale.ROOT);
        StringBuilder sb = new StringBuilder("U+");
        for (int i = hex.length(); i < 4; i++) {
            sb.append('0');
        }
        sb.append(hex);
        if (r >= 0 && r <= 0x10ffff && isPrint(r)) {
            sb.append(" '").appendCodePoint(r).append('\'');
        }
        return sb.toString();
    }

    private static void appendEscapedRune(StringBuilder sb, int r, char quote) {
        if (r == quote || r == '\\') {
            sb.append('\\').appendCodePoint(r);
            return;
        }
        if (isPrint(r)) {
            sb.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 0x07 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 0x0b -> sb.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7f) {
                    sb.append("\\x").append(HEX[(r >> 4) & 0xf]).append(HEX[r & 0xf]);
                } else if (r < 0x10000) {
                    sb.append("\\u");
                    appendHex(sb, r, 4);
                } else {
                    sb.append("\\U");
                    appendHex(sb, r, 8);
                }
            }
        }
    }

    private static void appendHex(StringBuilder sb, int v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(HEX[(v >> shift) & 0xf]);
        }
    }

    /**
     * Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII
     * space.
     */
    static boolean isPrint(int r) {
        if (r < 0x80) {
            return r >= 0x20 && r < 0x7f;
        }
        return switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** The literal is not well formed; Go's {@code strconv.ErrSyntax}. */
    static final class UnquoteException extends Exception {
        private static final long serialVersionUID = 1L;

        UnquoteException() {
            super("invalid syntax", null, false, false);
        }
    }

    /**
     * Unquotes a PromQL string literal (double, single or back quotes) as Prometheus's
     * {@code strutil.Unquote} does, returning raw bytes: {@code \xff} and {@code \377} produce a
     * single byte, which may leave the result outside UTF-8.
     */
    static byte[] unquote(byte[] s, int from, int to) throws UnquoteException {
        int n = to - from;
        if (n < 2) {
            throw new UnquoteException();
        }
        byte quote = s[from];
        if (quote != s[to - 1]) {
            throw new UnquoteException();
        }
        int i = from + 1;
        int end = to - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        if (quote == '`') {
            for (int k = i; k < end; k++) {
                if (s[k] == '`') {
                    throw new UnquoteException();
                }
            }
            out.write(s, i, end - i);
            return out.toByteArray();
        }
        if (quote != '"' && quote != '\'') {
            throw new UnquoteException();
        }
        while (i < end) {
            int c = s[i] & 0xff;
            if (c == '\n' || c == quote) {
                throw new UnquoteException();
            }
            if (c >= 0x80) {
                int d = decodeRune(s, i);
                appendRune(out, rune(d));
                i += width(d);
                continue;
            }
            if (c != '\\') {
                out.write(c);
                i++;
                continue;
            }
            if (i + 1 >= end) {
                throw new UnquoteException();
            }
            int e = s[i + 1] & 0xff;
            i += 2;
            switch (e) {
                case 'a' -> out.write(0x07);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(0x0b);
                case '\\' -> out.write('\\');
                case '\'', '"' -> {
                    if (e != quote) {
                        throw new UnquoteException();
                    }
                    out.write(e);
                }
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > end) {
                        throw new UnquoteException();
                    }
                    long v = 0;
                    for (int k = 0; k < digits; k++) {
                        int dv = hexValue(s[i + k] & 0xff);
                        if (dv < 0) {
                            throw new UnquoteException();
                        }
                        v = v * 16 + dv;
                    }
                    i += digits;
                    if (e == 'x') {
                        out.write((int) v);
                    } else {
                        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) {
                            throw new UnquoteException();
                        }
                        appendRune(out, (int) v);
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int v = e - '0';
                    if (i + 2 > end) {
                        throw new UnquoteException();
                    }
                    for (int k = 0; k < 2; k++) {
                        int dv = (s[i + k] & 0xff) - '0';
                        if (dv < 0 || dv > 7) {
                            throw new UnquoteException();
                        }
                        v = v * 8 + dv;
                    }
                    i += 2;
                    if (v > 255) {
                        throw new UnquoteException();
                    }
                    out.write(v);
                }
                default -> throw new UnquoteException();
            }
        }
        return out.toByteArray();
    }

    static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
