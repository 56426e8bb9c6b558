package io.strata.ingest.remotewrite;

import io.strata.ingest.protobuf.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The labels of one series as slices of the decompressed request, before validation: nothing is
 * copied or decoded until they are known to be valid. Reused for every series of a request
 * through {@link #clear()}. Not thread-safe.
 *
 * <p>Remote write 2.0 labels are symbol references; {@link #addRefs} records the slices of both
 * symbols and keeps the references so that {@link SymbolTable} can hand out its cached arrays
 * when the labels are built.
 */
final class RawLabels {
    private static final byte[] METRIC_NAME = "__name__".getBytes(StandardCharsets.US_ASCII);

    private byte[] source = new byte[0];
    private int[] nameOffset = new int[16];
    private int[] nameLength = new int[16];
    private int[] valueOffset = new int[16];
    private int[] valueLength = new int[16];
    private int[] nameRef = new int[16];
    private int[] valueRef = new int[16];
    private int[] order = new int[16];
    private int size;

    void clear(byte[] source) {
        this.source = source;
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] source() {
        return source;
    }

    void add(int nameOff, int nameLen, int valueOff, int valueLen) {
        addRefs(nameOff, nameLen, -1, valueOff, valueLen, -1);
    }

    void addRefs(int nameOff, int nameLen, int nameSymbol, int valueOff, int valueLen, int valueSymbol) {
        if (size == nameOffset.length) {
            grow();
        }
        nameOffset[size] = nameOff;
        nameLength[size] = nameLen;
        nameRef[size] = nameSymbol;
        valueOffset[size] = valueOff;
        valueLength[size] = valueLen;
        valueRef[size] = valueSymbol;
        size++;
    }

    private void grow() {
        int n = size * 2;
        nameOffset = Arrays.copyOf(nameOffset, n);
        nameLength = Arrays.copyOf(nameLength, n);
        valueOffset = Arrays.copyOf(valueOffset, n);
        valueLength = Arrays.copyOf(valueLength, n);
        nameRef = Arrays.copyOf(nameRef, n);
        valueRef = Arrays.copyOf(valueRef, n);
        order = Arrays.copyOf(order, n);
    }

    int nameOffset(int i) {
        return nameOffset[i];
    }

    int nameLength(int i) {
        return nameLength[i];
    }

    int valueOffset(int i) {
        return valueOffset[i];
    }

    int valueLength(int i) {
        return valueLength[i];
    }

    int nameRef(int i) {
        return nameRef[i];
    }

    int valueRef(int i) {
        return valueRef[i];
    }

    /** Byte-wise comparison of the names of pairs {@code i} and {@code j}. */
    int compareNames(int i, int j) {
        return Arrays.compareUnsigned(
                source, nameOffset[i], nameOffset[i] + nameLength[i],
                source, nameOffset[j], nameOffset[j] + nameLength[j]);
    }

    boolean nameEquals(int i, byte[] name) {
        return Arrays.equals(source, nameOffset[i], nameOffset[i] + nameLength[i], name, 0, name.length);
    }

    /** True when a pair is named {@code __name__} and has a non-empty value. */
    boolean hasMetricName() {
        for (int i = 0; i < size; i++) {
            if (valueLength[i] > 0 && nameEquals(i, METRIC_NAME)) {
                return true;
            }
        }
        return false;
    }

    /** Index of the first pair whose name is not greater than the previous one's, or -1. */
    int firstOutOfOrder() {
        for (int i = 1; i < size; i++) {
            if (compareNames(i - 1, i) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Index of a pair whose name occurs earlier too, or -1. Sorts an index array, so it costs
     * {@code n log n} comparisons only on the rare unsorted series.
     */
    int firstDuplicateName() {
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        // Insertion sort: size is bounded by the labels-per-series limit, and input is nearly sorted.
        for (int i = 1; i < size; i++) {
            int current = order[i];
            int j = i - 1;
            while (j >= 0 && compareNames(order[j], current) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = current;
        }
        for (int i = 1; i < size; i++) {
            if (compareNames(order[i - 1], order[i]) == 0) {
                return order[i];
            }
        }
        return -1;
    }

    boolean isValidUtf8Name(int i) {
        return Utf8.isValid(source, nameOffset[i], nameLength[i]);
    }

    boolean isValidUtf8Value(int i) {
        return Utf8.isValid(source, valueOffset[i], valueLength[i]);
    }

    String name(int i) {
        return Describe.text(source, nameOffset[i], nameLength[i]);
    }

    String value(int i) {
        return Describe.text(source, valueOffset[i], valueLength[i]);
    }

    /** The labels in Prometheus's text form, shortened for an error message. */
    String describe() {
        StringBuilder sb = new StringBuilder("{");
        int shown = Math.min(size, Describe.MAX_LABELS_SHOWN);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(name(i)).append('=');
            Describe.quoted(value(i), sb);
        }
        if (shown < size) {
            sb.append(", ... ").append(size - shown).append(" more");
        }
        return sb.append('}').toString();
    }
}
