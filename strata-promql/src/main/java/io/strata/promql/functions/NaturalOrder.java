package io.strata.promql.functions;

import java.nio.charset.StandardCharsets;

/**
 * Natural string order as {@code sort_by_label} uses it (the facette/natsort algorithm that
 * Prometheus vendors): runs of digits compare as numbers (leading zeros skipped, then longer is
 * larger, then digit by digit), everything else byte by byte in UTF-8.
 */
final class NaturalOrder {
    private NaturalOrder() {
    }

    /** True if {@code a} sorts strictly before {@code b}. */
    static boolean less(String a, String b) {
        return less(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static boolean less(byte[] a, byte[] b) {
        int posA = 0;
        int posB = 0;
        while (true) {
            if (posA >= a.length) {
                return posB < b.length;
            }
            if (posB >= b.length) {
                return false;
            }
            int ca = a[posA] & 0xff;
            int cb = b[posB] & 0xff;
            if (isDigit(ca) && isDigit(cb)) {
                // Skip leading zeros (the scan runs while more bytes follow, as upstream's does),
                // then measure the digit run.
                int lenA = 1;
                while (posA + lenA < a.length) {
                    int x = a[posA + lenA] & 0xff;
                    if (ca == '0') {
                        posA++;
                        ca = x;
                        continue;
                    }
                    if (!isDigit(x)) {
                        break;
                    }
                    lenA++;
                }
                int lenB = 1;
                while (posB + lenB < b.length) {
                    int x = b[posB + lenB] & 0xff;
                    if (cb == '0') {
                        posB++;
                        cb = x;
                        continue;
                    }
                    if (!isDigit(x)) {
                        break;
                    }
                    lenB++;
                }
                if (lenA != lenB) {
                    return lenA < lenB;
                }
                int cmp = java.util.Arrays.compareUnsigned(a, posA, posA + lenA, b, posB, posB + lenB);
                if (cmp != 0) {
                    return cmp < 0;
                }
                posA += lenA;
                posB += lenB;
                continue;
            }
            if (ca == cb) {
                posA++;
                posB++;
                continue;
            }
            return ca < cb;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
