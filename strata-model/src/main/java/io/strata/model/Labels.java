package io.strata.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, sorted set of label pairs identifying a series; {@code __name__} is one of them.
 *
 * <p>Labels are packed into one {@code byte[]} of length-prefixed UTF-8 pairs, sorted by name in
 * byte order (the order Prometheus uses, so sort order and hashes agree with it):
 *
 * <pre>
 * ┌──────────────┬──────────┬───────────────┬───────────┬─────┐
 * │ varint nameLen│ name utf8│ varint valueLen│ value utf8│ ... │
 * └──────────────┴──────────┴───────────────┴───────────┴─────┘
 * </pre>
 *
 * One array per series keeps the head small (no String or pair objects per label). Names are
 * unique and non-empty; values are non-empty (a label with an empty value does not exist, as in
 * Prometheus). Instances are thread-safe. Build them with {@link LabelsBuilder}.
 */
public final class Labels implements Comparable<Labels> {
    public static final String METRIC_NAME = "__name__";
    public static final Labels EMPTY = new Labels(new byte[0]);

    private final byte[] packed;
    private int hash; // cached; 0 means "not computed yet" (Java String's trick)

    Labels(byte[] packed) {
        this.packed = packed;
    }

    /** Builds labels from alternating names and values, in any order. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of arguments: names and values must alternate");
        }
        LabelsBuilder b = new LabelsBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /** Builds labels from a map; entries with an empty value are dropped. */
    public static Labels fromMap(Map<String, String> map) {
        LabelsBuilder b = new LabelsBuilder();
        map.forEach(b::add);
        return b.build();
    }

    /**
     * Wraps an already packed, sorted array without copying or validating it. The caller gives up
     * ownership of {@code packed}. Used by storage code that reads labels it wrote itself.
     */
    public static Labels wrapPackedUnchecked(byte[] packed) {
        return packed.length == 0 ? EMPTY : new Labels(packed);
    }

    /** The packed representation; callers must not modify it. */
    public byte[] packedBytes() {
        return packed;
    }

    public boolean isEmpty() {
        return packed.length == 0;
    }

    /** Number of label pairs. Walks the array, so cache it in loops. */
    public int size() {
        int n = 0;
        for (int p = 0; p < packed.length; ) {
            p = skipString(packed, p);
            p = skipString(packed, p);
            n++;
        }
        return n;
    }

    /** The value of label {@code name}, or {@code null} when absent. */
    public String get(String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int p = 0; p < packed.length; ) {
            int nameLen = readVarint(packed, p);
            int nameStart = p + varintSize(nameLen);
            int valueLenPos = nameStart + nameLen;
            int valueLen = readVarint(packed, valueLenPos);
            int valueStart = valueLenPos + varintSize(valueLen);
            int cmp = Arrays.compareUnsigned(packed, nameStart, nameStart + nameLen, wanted, 0, wanted.length);
            if (cmp == 0) {
                return new String(packed, valueStart, valueLen, StandardCharsets.UTF_8);
            }
            if (cmp > 0) {
                return null; // sorted: we passed where it would be
            }
            p = valueStart + valueLen;
        }
        return null;
    }

    /** The metric name, or {@code null} when the series has none. */
    public String metricName() {
        return get(METRIC_NAME);
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    /** Calls {@code consumer} for each pair in sorted order. Allocates the Strings it passes. */
    public void forEach(LabelConsumer consumer) {
        for (int p = 0; p < packed.length; ) {
            int nameLen = readVarint(packed, p);
            int nameStart = p + varintSize(nameLen);
            int valueLenPos = nameStart + nameLen;
            int valueLen = readVarint(packed, valueLenPos);
            int valueStart = valueLenPos + varintSize(valueLen);
            consumer.accept(
                    new String(packed, nameStart, nameLen, StandardCharsets.UTF_8),
                    new String(packed, valueStart, valueLen, StandardCharsets.UTF_8));
            p = valueStart + valueLen;
        }
    }

    /** Receives one label pair. */
    @FunctionalInterface
    public interface LabelConsumer {
        void accept(String name, String value);
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        forEach((n, v) -> names.add(n));
        return names;
    }

    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        forEach(map::put);
        return map;
    }

    /** A copy without the given label names. */
    public Labels without(String... dropped) {
        LabelsBuilder b = new LabelsBuilder();
        forEach((n, v) -> {
            for (String d : dropped) {
                if (d.equals(n)) {
                    return;
                }
            }
            b.add(n, v);
        });
        return b.build();
    }

    /** 64-bit hash of the packed bytes; stable across processes (used for sharding and stripes). */
    public long hash64() {
        return Hashing.hash64(packed, 0, packed.length);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            long l = hash64();
            h = (int) (l ^ (l >>> 32));
            if (h == 0) {
                h = 1;
            }
            hash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Labels other && Arrays.equals(packed, other.packed));
    }

    /** Prometheus order: pair by pair, name then value, byte-wise; a prefix sorts first. */
    @Override
    public int compareTo(Labels o) {
        byte[] a = packed;
        byte[] b = o.packed;
        int pa = 0;
        int pb = 0;
        while (pa < a.length && pb < b.length) {
            for (int part = 0; part < 2; part++) {
                int la = readVarint(a, pa);
                int sa = pa + varintSize(la);
                int lb = readVarint(b, pb);
                int sb = pb + varintSize(lb);
                int cmp = Arrays.compareUnsigned(a, sa, sa + la, b, sb, sb + lb);
                if (cmp != 0) {
                    return cmp;
                }
                pa = sa + la;
                pb = sb + lb;
            }
        }
        return Boolean.compare(pa < a.length, pb < b.length);
    }

    /** Prometheus text form: {@code name{a="1", b="2"}}, or {@code {a="1"}} without a name. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String name = metricName();
        if (name != null) {
            sb.append(name);
        }
        sb.append('{');
        boolean[] first = {true};
        forEach((n, v) -> {
            if (n.equals(METRIC_NAME)) {
                return;
            }
            if (!first[0]) {
                sb.append(", ");
            }
            first[0] = false;
            sb.append(n).append("=\"");
            escapeLabelValue(v, sb);
            sb.append('"');
        });
        return sb.append('}').toString();
    }

    static void escapeLabelValue(String v, StringBuilder sb) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
    }

    static int readVarint(byte[] b, int p) {
        int result = 0;
        int shift = 0;
        while (true) {
            byte x = b[p++];
            result |= (x & 0x7f) << shift;
            if (x >= 0) {
                return result;
            }
            shift += 7;
        }
    }

    static int varintSize(int v) {
        int n = 1;
        while ((v & ~0x7f) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    static int skipString(byte[] b, int p) {
        int len = readVarint(b, p);
        return p + varintSize(len) + len;
    }
}
