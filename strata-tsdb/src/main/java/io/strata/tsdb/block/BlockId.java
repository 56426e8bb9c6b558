package io.strata.tsdb.block;

import java.security.SecureRandom;

/**
 * Block ids: 26 characters of Crockford base32 holding a 48-bit millisecond timestamp and 80
 * random bits, like a ULID. They sort by creation time, so a directory listing is in creation
 * order; ids created in the same millisecond by this process increase by one, so they still sort.
 */
public final class BlockId {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LENGTH = 26;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static long lastTime = -1;
    private static long lastHigh; // 16 high random bits
    private static long lastLow; // 64 low random bits

    private BlockId() {}

    /** A new id for the current time. */
    public static String next() {
        return next(System.currentTimeMillis());
    }

    /** A new id for {@code timeMillis}, greater than every id this process made before. */
    public static synchronized String next(long timeMillis) {
        long time = Math.max(timeMillis, lastTime);
        if (time == lastTime) {
            lastLow++;
            if (lastLow == 0) {
                lastHigh = (lastHigh + 1) & 0xFFFF;
            }
        } else {
            lastTime = time;
            lastHigh = RANDOM.nextInt() & 0xFFFF;
            lastLow = RANDOM.nextLong();
        }
        return format(time, lastHigh, lastLow);
    }

    static String format(long time, long high16, long low64) {
        // 128 bits = 48 time + 16 + 64 random; 26 base32 characters encode 130 bits, top 2 zero.
        char[] out = new char[LENGTH];
        long hi = (time << 16) | (high16 & 0xFFFF); // upper 64 bits
        long lo = low64; // lower 64 bits
        for (int i = LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | (hi << 59);
            hi >>>= 5;
        }
        return new String(out);
    }

    /** Whether {@code s} is a well-formed id (as opposed to a tmp dir or a stray file). */
    public static boolean isValid(String s) {
        if (s.length() != LENGTH || s.charAt(0) > '7') {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The creation time encoded in a valid id. */
    public static long timestamp(String id) {
        long t = 0;
        for (int i = 0; i < 10; i++) {
            t = (t << 5) | indexOf(id.charAt(i));
        }
        return t; // the first 10 characters hold 50 bits: 2 leading zero bits, then the 48 of time
    }

    private static int indexOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
