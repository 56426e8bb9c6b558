package io.strata.server.config;

import java.util.Locale;

/**
 * Byte sizes as Prometheus's {@code --storage.tsdb.retention.size} reads them: a whole number with
 * an optional unit {@code B}, {@code KB}, {@code MB}, {@code GB}, {@code TB}, {@code PB} or their
 * {@code KiB}..{@code PiB} spellings. Like Prometheus, every unit is a power of 1024, so
 * {@code 10GB} and {@code 10GiB} are the same size; a bare number is bytes.
 */
public final class ByteSize {
    private static final String[] PREFIXES = {"", "K", "M", "G", "T", "P"};

    private ByteSize() {}

    /**
     * Parses a size.
     *
     * @throws IllegalArgumentException naming the value and the accepted form
     */
    public static long parse(String text) {
        String t = text.trim();
        int i = 0;
        while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        if (i == 0) {
            throw invalid(text);
        }
        int exponent = exponentOf(t.substring(i).trim());
        if (exponent < 0) {
            throw invalid(text);
        }
        try {
            long n = Long.parseLong(t.substring(0, i));
            return Math.multiplyExact(n, 1L << (10 * exponent));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("byte size out of range: \"" + text + "\"");
        }
    }

    /** The shortest exact form: {@code 32MiB}, {@code 1536KiB}, {@code 0}. */
    public static String format(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        int exponent = 0;
        long n = bytes;
        while (exponent < PREFIXES.length - 1 && n % 1024 == 0) {
            n /= 1024;
            exponent++;
        }
        return exponent == 0 ? n + "B" : n + PREFIXES[exponent] + "iB";
    }

    private static int exponentOf(String unit) {
        String u = unit.toUpperCase(Locale.ROOT);
        if (u.isEmpty() || u.equals("B")) {
            return 0;
        }
        for (int e = 1; e < PREFIXES.length; e++) {
            if (u.equals(PREFIXES[e] + "B") || u.equals(PREFIXES[e] + "IB")) {
                return e;
            }
        }
        return -1;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("not a valid byte size: \"" + text
                + "\" (a whole number with an optional unit B, KB, MB, GB, TB, PB or KiB..PiB; units are powers of 1024)");
    }
}
