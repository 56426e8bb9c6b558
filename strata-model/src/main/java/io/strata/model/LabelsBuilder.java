package io.strata.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds {@link Labels}. Reusable: {@link #reset()} clears it without freeing its arrays, so an
 * ingest loop can keep one builder per worker (Prometheus's ScratchBuilder). Not thread-safe.
 *
 * <p>{@link #build()} sorts the pairs by name. It does not reject duplicate names: use
 * {@link #hasDuplicateNames()} where input must be validated (ingest), since a builder used by
 * storage code is fed labels that are already valid. Pairs with an empty value are dropped, as
 * Prometheus treats an empty value as an absent label.
 */
public final class LabelsBuilder {
    private byte[][] names = new byte[16][];
    private byte[][] values = new byte[16][];
    private int size;

    public LabelsBuilder reset() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        return this;
    }

    public LabelsBuilder add(String name, String value) {
        return addUtf8(name.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a pair given as UTF-8 bytes; the builder keeps references to the arrays until build. */
    public LabelsBuilder addUtf8(byte[] name, byte[] value) {
        if (value.length == 0) {
            return this;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return this;
    }

    /** Replaces the value of {@code name} if present, or adds it. An empty value removes it. */
    public LabelsBuilder set(String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(names[i], n)) {
                if (value.isEmpty()) {
                    removeAt(i);
                } else {
                    values[i] = value.getBytes(StandardCharsets.UTF_8);
                }
                return this;
            }
        }
        return add(name, value);
    }

    public LabelsBuilder remove(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(names[i], n)) {
                removeAt(i);
                return this;
            }
        }
        return this;
    }

    private void removeAt(int i) {
        System.arraycopy(names, i + 1, names, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        names[size] = null;
        values[size] = null;
    }

    public int size() {
        return size;
    }

    /** True when the pairs added so far are already sorted by name, strictly (no duplicates). */
    public boolean isStrictlySorted() {
        for (int i = 1; i < size; i++) {
            if (Arrays.compareUnsigned(names[i - 1], names[i]) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** True when some name was added twice. Sorts the pairs as a side effect. */
    public boolean hasDuplicateNames() {
        sort();
        for (int i = 1; i < size; i++) {
            if (Arrays.equals(names[i - 1], names[i])) {
                return true;
            }
        }
        return false;
    }

    /** The UTF-8 name of pair {@code i} in current order; valid until the next mutation. */
    public byte[] nameAt(int i) {
        return names[i];
    }

    public byte[] valueAt(int i) {
        return values[i];
    }

    private void sort() {
        // Insertion sort: label sets are small and usually arrive sorted, so this is one pass.
        for (int i = 1; i < size; i++) {
            byte[] n = names[i];
            byte[] v = values[i];
            int j = i - 1;
            while (j >= 0 && Arrays.compareUnsigned(names[j], n) > 0) {
                names[j + 1] = names[j];
                values[j + 1] = values[j];
                j--;
            }
            names[j + 1] = n;
            values[j + 1] = v;
        }
    }

    public Labels build() {
        if (size == 0) {
            return Labels.EMPTY;
        }
        sort();
        int total = 0;
        for (int i = 0; i < size; i++) {
            total += Labels.varintSize(names[i].length) + names[i].length;
            total += Labels.varintSize(values[i].length) + values[i].length;
        }
        byte[] packed = new byte[total];
        int p = 0;
        for (int i = 0; i < size; i++) {
            p = put(packed, p, names[i]);
            p = put(packed, p, values[i]);
        }
        return new Labels(packed);
    }

    private static int put(byte[] dst, int p, byte[] s) {
        int v = s.length;
        while ((v & ~0x7f) != 0) {
            dst[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        dst[p++] = (byte) v;
        System.arraycopy(s, 0, dst, p, s.length);
        return p + s.length;
    }

    /** Debug form. */
    @Override
    public String toString() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < size; i++) {
            out.writeBytes(names[i]);
            out.write('=');
            out.writeBytes(values[i]);
            out.write(' ');
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
