package io.strata.bench.receiver;

/**
 * Counts the float samples of an uncompressed remote-write body by walking its protobuf fields
 * without decoding labels: top-level {@code timeseries} (field 1 in 1.0, field 5 in 2.0), and in
 * each, the {@code samples} entries (field 2 in both). Lets the null receiver confirm written
 * samples as a 2.0 receiver must, at a fraction of a real decoder's cost.
 */
final class SampleCounter {
    private SampleCounter() {}

    /**
     * @throws IllegalArgumentException when the bytes are not well-formed protobuf
     */
    static long count(byte[] b, int length, boolean v2) {
        int seriesField = v2 ? 5 : 1;
        long samples = 0;
        int[] pos = {0};
        while (pos[0] < length) {
            long tag = readVarint(b, pos, length);
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (wireType == 2) {
                int len = checkedLength(readVarint(b, pos, length), pos[0], length);
                if (field == seriesField) {
                    samples += countInSeries(b, pos[0], pos[0] + len);
                }
                pos[0] += len;
            } else {
                skip(b, pos, length, wireType);
            }
        }
        return samples;
    }

    private static long countInSeries(byte[] b, int from, int end) {
        long samples = 0;
        int[] pos = {from};
        while (pos[0] < end) {
            long tag = readVarint(b, pos, end);
            int wireType = (int) (tag & 7);
            if (wireType == 2) {
                int len = checkedLength(readVarint(b, pos, end), pos[0], end);
                if ((tag >>> 3) == 2) {
                    samples++;
                }
                pos[0] += len;
            } else {
                skip(b, pos, end, wireType);
            }
        }
        return samples;
    }

    private static void skip(byte[] b, int[] pos, int end, int wireType) {
        switch (wireType) {
            case 0 -> readVarint(b, pos, end);
            case 1 -> pos[0] = checkedLength(8, pos[0], end) + pos[0];
            case 5 -> pos[0] = checkedLength(4, pos[0], end) + pos[0];
            default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wireType + " at byte " + pos[0]);
        }
    }

    private static int checkedLength(long len, int at, int end) {
        if (len < 0 || len > end - at) {
            throw new IllegalArgumentException("field length " + len + " at byte " + at + " runs past the end (" + end + ")");
        }
        return (int) len;
    }

    private static long readVarint(byte[] b, int[] pos, int end) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= end) {
                throw new IllegalArgumentException("truncated varint at byte " + pos[0]);
            }
            byte x = b[pos[0]++];
            result |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes at byte " + pos[0]);
    }
}
