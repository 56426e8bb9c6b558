package io.strata.tsdb.index;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/** CRC32C over mapped regions, and the footer check shared by every Strata file. */
public final class Checksums {
    /** A ByteBuffer view is limited to 2 GiB, so large regions are checksummed in slices. */
    private static final long SLICE = 1L << 30;

    private Checksums() {}

    /** CRC32C of {@code [from, to)} of {@code segment}. */
    public static int crc32c(MemorySegment segment, long from, long to) {
        CRC32C crc = new CRC32C();
        for (long p = from; p < to; p += SLICE) {
            crc.update(segment.asSlice(p, Math.min(SLICE, to - p)).asByteBuffer());
        }
        return (int) crc.getValue();
    }

    /**
     * Checks the 4-byte little-endian CRC32C footer of a whole file mapped in {@code segment}.
     *
     * @throws CorruptFileException when the file is too short or the checksum differs
     */
    public static void verifyFooter(MemorySegment segment, Path file) {
        long size = segment.byteSize();
        if (size < 4) {
            throw new CorruptFileException(file, 0, "file of " + size + " bytes is too short for its checksum footer");
        }
        int stored = segment.get(SegmentReader.INT_LE, size - 4);
        int actual = crc32c(segment, 0, size - 4);
        if (stored != actual) {
            throw new CorruptFileException(
                    file,
                    size - 4,
                    "checksum mismatch: footer says " + Integer.toHexString(stored) + ", content has "
                            + Integer.toHexString(actual));
        }
    }

    /** Checks an 8-byte header: 4 magic bytes, a version byte, three zero bytes. */
    public static void verifyHeader(MemorySegment segment, Path file, int magic, String formatName, int version) {
        if (segment.byteSize() < 8) {
            throw new CorruptFileException(file, 0, formatName + " file of " + segment.byteSize() + " bytes has no header");
        }
        int actualMagic = segment.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 0);
        if (actualMagic != magic) {
            throw new CorruptFileException(
                    file, 0, "not a " + formatName + " file: magic " + Integer.toHexString(actualMagic)
                            + ", expected " + Integer.toHexString(magic));
        }
        int actualVersion = segment.get(ValueLayout.JAVA_BYTE, 4) & 0xff;
        if (actualVersion != version) {
            throw new CorruptFileException(
                    file, 4, formatName + " format version " + actualVersion + " is not supported; this build reads version "
                            + version);
        }
    }

    /** Writes the 8-byte header checked by {@link #verifyHeader}. */
    public static void writeHeader(ChecksummedWriter out, int magic, int version) throws java.io.IOException {
        out.writeByte(magic >>> 24);
        out.writeByte(magic >>> 16);
        out.writeByte(magic >>> 8);
        out.writeByte(magic);
        out.writeByte(version);
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(0);
    }
}
