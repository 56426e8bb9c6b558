package io.strata.model;

import java.util.Comparator;

/**
 * Compares strings as their UTF-8 encodings would compare byte by byte (unsigned), without
 * encoding them. This is code point order, the order of {@link Labels} and of Go
 * strings in Prometheus. {@link String#compareTo} differs from it only when a surrogate pair meets
 * a character in U+E000..U+FFFF, which is why index dictionaries use this comparator.
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
                return rank(ca) - rank(cb);
            }
        }
        return a.length() - b.length();
    }

    /**
     * Moves surrogates (U+D800..U+DFFF, which encode code points above U+FFFF) above U+E000..U+FFFF,
     * so comparing the first differing UTF-16 unit gives code point order.
     */
    private static int rank(char c) {
        if (c < 0xD800) {
            return c;
        }
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
