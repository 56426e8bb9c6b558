package io.strata.ingest.protobuf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Validates UTF-8 in place, without decoding to a String: shortest form only, no surrogates, no
 * code point above U+10FFFF (RFC 3629, the rule Go's {@code utf8.Valid} applies for Prometheus).
 */
public final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() {}

    /** True when {@code b[off, off + len)} is valid UTF-8. */
    public static boolean isValid(byte[] b, int off, int len) {
        return firstInvalid(b, off, len) < 0;
    }

    /**
     * The offset, relative to {@code off}, of the first byte that starts an invalid sequence, or
     * -1 when all of {@code b[off, off + len)} is valid.
     */
    public static int firstInvalid(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        // Label names and values are nearly always ASCII: check eight bytes at a time first.
        while (i + 8 <= end && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
            i += 8;
        }
        while (i < end) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            int n = sequenceLength(b, i, end);
            if (n < 0) {
                return i - off;
            }
            i += n;
        }
        return -1;
    }

    /** Length of the valid multi-byte sequence starting at {@code i}, or -1. */
    private static int sequenceLength(byte[] b, int i, int end) {
        int lead = b[i] & 0xff;
        if (lead >= 0xc2 && lead <= 0xdf) {
            return i + 1 < end && isContinuation(b[i + 1]) ? 2 : -1;
        }
        if (lead >= 0xe0 && lead <= 0xef) {
            if (i + 2 >= end) {
                return -1;
            }
            int second = b[i + 1] & 0xff;
            // E0 needs A0..BF (else overlong); ED needs 80..9F (else a UTF-16 surrogate).
            int min = lead == 0xe0 ? 0xa0 : 0x80;
            int max = lead == 0xed ? 0x9f : 0xbf;
            return second >= min && second <= max && isContinuation(b[i + 2]) ? 3 : -1;
        }
        if (lead >= 0xf0 && lead <= 0xf4) {
            if (i + 3 >= end) {
                return -1;
            }
            int second = b[i + 1] & 0xff;
            // F0 needs 90..BF (else overlong); F4 needs 80..8F (else above U+10FFFF).
            int min = lead == 0xf0 ? 0x90 : 0x80;
            int max = lead == 0xf4 ? 0x8f : 0xbf;
            return second >= min && second <= max && isContinuation(b[i + 2]) && isContinuation(b[i + 3])
                    ? 4
                    : -1;
        }
        return -1; // 80..C1 cannot start a sequence; F5..FF never occur
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xc0) == 0x80;
    }
}
