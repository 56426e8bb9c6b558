package io.strata.tsdb.wal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Byte layout of a WAL segment, format version 2: a 24-byte segment header followed by frames,
 * each a 12-byte frame header and a payload (one record). All integers are little-endian. The
 * diagrams and byte-level notes are in {@code docs/format/wal.md}.
 *
 * <pre>
 * segment header                                        frame
 * ┌──────┬───┬─────┬──────┬───────────────┬───────┐   ┌────────┬─────────┬──────────┬─────────────┐
 * │"SWAL"│ 2 │0 0 0│ u32  │ u64 length of │ u32   │   │ u32    │ u32     │ u32      │ payload     │
 * │magic │ver│rsvd │number│ the previous  │crc32c │   │length  │crc32c   │crc32c of │ (length     │
 * │      │   │     │      │ segment, or 0 │of 0-19│   │        │(payload)│bytes 0-7 │  bytes)     │
 * └──────┴───┴─────┴──────┴───────────────┴───────┘   └────────┴─────────┴──────────┴─────────────┘
 * </pre>
 *
 * The frame header carries its own checksum so that a damaged length is recognised as damage
 * instead of being trusted; that is what lets the start-up repair tell a torn last write from
 * corruption in the middle of the log (see {@link TornTailRepair}). The previous segment's length
 * in the segment header is what lets a reader tell a segment that lost whole frames at its end
 * from one that a rotation closed (see {@link SegmentChain}).
 */
final class WalFormat {
    static final byte VERSION = 2;
    static final int SEGMENT_HEADER_BYTES = 24;
    static final int FRAME_HEADER_BYTES = 12;
    /** The previous-length field of a segment header whose predecessor is not to be checked. */
    static final long NO_PREVIOUS_SEGMENT = 0;
    /**
     * Far above any remote-write batch (Prometheus caps decompressed requests well below this),
     * small enough that a corrupt length can never make a reader allocate gigabytes.
     */
    static final int MAX_RECORD_BYTES = 256 << 20;

    private static final byte[] MAGIC = {'S', 'W', 'A', 'L'};
    private static final int VERSION_OFFSET = 4;
    private static final int NUMBER_OFFSET = 8;
    private static final int PREVIOUS_LENGTH_OFFSET = 12;
    private static final int HEADER_CRC_OFFSET = 20;

    private WalFormat() {}

    /**
     * Writes the 24-byte header of segment {@code number} into {@code out} at its position.
     *
     * @param previousSegmentLength the size in bytes at which the previous segment of the same
     *     run ends, or {@link #NO_PREVIOUS_SEGMENT} when there is none to check
     */
    static void putSegmentHeader(ByteBuffer out, int number, long previousSegmentLength) {
        if (previousSegmentLength != NO_PREVIOUS_SEGMENT && previousSegmentLength < SEGMENT_HEADER_BYTES) {
            throw new IllegalArgumentException("BUG: previous segment length " + previousSegmentLength
                    + " is shorter than a segment header");
        }
        ByteBuffer header = ByteBuffer.allocate(SEGMENT_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).put(VERSION).put((byte) 0).put((byte) 0).put((byte) 0).putInt(number)
                .putLong(previousSegmentLength);
        header.putInt(crc(header.array(), 0, HEADER_CRC_OFFSET));
        out.put(header.array());
    }

    /**
     * Checks a segment header; returns {@code null} when it is valid for segment {@code number},
     * else what is wrong with it.
     */
    static String segmentHeaderProblem(ByteBuffer header, int number) {
        if (header.remaining() < SEGMENT_HEADER_BYTES) {
            return "segment header truncated: " + header.remaining() + " of " + SEGMENT_HEADER_BYTES + " bytes";
        }
        int p = header.position();
        for (int i = 0; i < MAGIC.length; i++) {
            if (header.get(p + i) != MAGIC[i]) {
                return "not a Strata WAL segment: bad magic bytes";
            }
        }
        // The version is checked before the checksum: the header of another version may have
        // another size, so its checksum would sit elsewhere and the message would mislead.
        byte version = header.get(p + VERSION_OFFSET);
        if (version != VERSION) {
            return "segment has WAL format version " + version + ", this Strata reads version " + VERSION;
        }
        byte[] covered = new byte[HEADER_CRC_OFFSET];
        header.get(p, covered);
        ByteBuffer le = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (crc(covered, 0, HEADER_CRC_OFFSET) != le.getInt(p + HEADER_CRC_OFFSET)) {
            return "segment header checksum mismatch";
        }
        int storedNumber = le.getInt(p + NUMBER_OFFSET);
        if (storedNumber != number) {
            return "segment header says segment " + storedNumber + " but the file is segment " + number;
        }
        long previous = le.getLong(p + PREVIOUS_LENGTH_OFFSET);
        if (previous != NO_PREVIOUS_SEGMENT && previous < SEGMENT_HEADER_BYTES) {
            return "segment header records an impossible previous segment length of " + previous + " bytes";
        }
        return null;
    }

    /** The previous segment's length stored in a header that {@link #segmentHeaderProblem} accepted. */
    static long previousSegmentLength(ByteBuffer header) {
        return header.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(header.position() + PREVIOUS_LENGTH_OFFSET);
    }

    /** Writes a frame header for a payload of {@code length} bytes with checksum {@code payloadCrc}. */
    static void putFrameHeader(ByteBuffer out, int at, int length, int payloadCrc) {
        ByteBuffer le = out.order() == ByteOrder.LITTLE_ENDIAN ? out : out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        le.putInt(at, length);
        le.putInt(at + 4, payloadCrc);
        le.putInt(at + 8, headerCrc(length, payloadCrc));
    }

    /**
     * The payload length announced by the frame header at {@code at}, or -1 when the header's
     * own checksum fails or the length is out of range. {@code in} must be little-endian.
     */
    static int frameLength(ByteBuffer in, int at) {
        int length = in.getInt(at);
        int payloadCrc = in.getInt(at + 4);
        int check = in.getInt(at + 8);
        if (check != headerCrc(length, payloadCrc) || length < 1 || length > MAX_RECORD_BYTES) {
            return -1;
        }
        return length;
    }

    /** The payload checksum stored in the (already validated) frame header at {@code at}. */
    static int framePayloadCrc(ByteBuffer in, int at) {
        return in.getInt(at + 4);
    }

    /** CRC32C of {@code buf}'s bytes {@code [from, from + length)}; leaves position and limit as they were. */
    static int crc(ByteBuffer buf, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().limit(from + length).position(from));
        return (int) crc.getValue();
    }

    static int crc(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }

    /** Castagnoli polynomial, bit-reversed, as java.util.zip.CRC32C uses it. */
    private static final int[] CRC32C_TABLE = crc32cTable();

    static int headerCrc(int length, int payloadCrc) {
        // A table-driven CRC32C of the 8 little-endian header bytes, equal to java.util.zip.CRC32C
        // over them (a test checks that). Hand-written because it runs at every byte offset when
        // the start-up repair scans a damaged tail, and must neither allocate nor need a buffer.
        long bits = (length & 0xFFFFFFFFL) | ((long) payloadCrc << 32);
        int crc = 0xFFFFFFFF;
        for (int i = 0; i < 8; i++) {
            crc = (crc >>> 8) ^ CRC32C_TABLE[(crc ^ (int) (bits >>> (8 * i))) & 0xFF];
        }
        return ~crc;
    }

    private static int[] crc32cTable() {
        int[] table = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
