package io.strata.server.api;

import java.util.Comparator;

/**
 * Orders strings by their UTF-8 bytes, as Prometheus sorts label names and values. Equal to
 * {@link String#compareTo} except for characters beyond U+FFFF, which UTF-8 sorts after every
 * other character and UTF-16 sorts before U+E000..U+FFFF.
 */
final class Utf8Order implements Comparator<String> {
    static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {}

    @Override
    public int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                return Integer.compare(rank(ca), rank(cb));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int rank(char c) {
        return Character.isSurrogate(c) ? c + 0x10000 : c;
    }
}
