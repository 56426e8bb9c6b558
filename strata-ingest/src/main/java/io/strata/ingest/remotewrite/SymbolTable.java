package io.strata.ingest.remotewrite;

import io.strata.ingest.protobuf.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code symbols} of a remote write 2.0 request: offsets into the decompressed body, plus
 * per-symbol caches filled on first use, so a symbol shared by a thousand series is validated
 * and decoded once per request. Not thread-safe.
 */
final class SymbolTable {
    private static final byte UNCHECKED = 0;
    private static final byte VALID = 1;
    private static final byte INVALID = 2;

    private byte[] source = new byte[0];
    private int[] offset = new int[64];
    private int[] length = new int[64];
    private byte[] utf8State = new byte[64];
    private String[] strings = new String[64];
    /** The two {@link SeriesKey} hashes of each symbol, computed on first use. */
    private long[] hashHigh = new long[64];
    private long[] hashLow = new long[64];
    private boolean[] hashed = new boolean[64];
    private int size;

    void clear(byte[] source) {
        this.source = source;
        Arrays.fill(strings, 0, size, null);
        Arrays.fill(utf8State, 0, size, UNCHECKED);
        Arrays.fill(hashed, 0, size, false);
        size = 0;
    }

    void add(int off, int len) {
        if (size == offset.length) {
            int n = size * 2;
            offset = Arrays.copyOf(offset, n);
            length = Arrays.copyOf(length, n);
            utf8State = Arrays.copyOf(utf8State, n);
            strings = Arrays.copyOf(strings, n);
            hashHigh = Arrays.copyOf(hashHigh, n);
            hashLow = Arrays.copyOf(hashLow, n);
            hashed = Arrays.copyOf(hashed, n);
        }
        offset[size] = off;
        length[size] = len;
        size++;
    }

    int size() {
        return size;
    }

    /** True when {@code ref}, an unsigned 32-bit value from the wire, names an existing symbol. */
    boolean contains(long ref) {
        return ref >= 0 && ref < size;
    }

    int offset(int ref) {
        return offset[ref];
    }

    int length(int ref) {
        return length[ref];
    }

    boolean isValidUtf8(int ref) {
        byte state = utf8State[ref];
        if (state == UNCHECKED) {
            state = Utf8.isValid(source, offset[ref], length[ref]) ? VALID : INVALID;
            utf8State[ref] = state;
        }
        return state == VALID;
    }

    /**
     * Adds symbol {@code ref} to {@code key} as one part; the symbol's bytes are hashed once per
     * request, since most symbols are shared by many series. All keys of a request must come from
     * the same cache (same seeds).
     */
    void addToKey(SeriesKey key, int ref) {
        if (!hashed[ref]) {
            key.hashBytes(source, offset[ref], length[ref]);
            hashHigh[ref] = key.partHigh();
            hashLow[ref] = key.partLow();
            hashed[ref] = true;
        }
        key.addHashed(hashHigh[ref], hashLow[ref]);
    }

    /** The symbol as a String, decoded once per request; only for valid UTF-8 symbols. */
    String string(int ref) {
        String s = strings[ref];
        if (s == null) {
            s = new String(source, offset[ref], length[ref], StandardCharsets.UTF_8);
            strings[ref] = s;
        }
        return s;
    }
}
