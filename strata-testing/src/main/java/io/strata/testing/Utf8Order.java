package io.strata.testing;

import java.util.Comparator;

/**
 * Orders strings by their UTF-8 bytes, the order Prometheus sorts label names and values in. For
 * strings without characters beyond U+FFFF this equals {@link String#compareTo}; surrogate pairs
 * (emoji, rare CJK) sort after U+E000..U+FFFF in UTF-8 but before them in UTF-16.
 */
public final class Utf8Order implements Comparator<String> {
    public static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {}

    @Override
    public int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                return Integer.compare(utf8Rank(ca), utf8Rank(cb));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Surrogates encode code points above U+FFFF, which UTF-8 orders after every BMP char. */
    private static int utf8Rank(char c) {
        return Character.isSurrogate(c) ? c + 0x10000 : c;
    }
}
