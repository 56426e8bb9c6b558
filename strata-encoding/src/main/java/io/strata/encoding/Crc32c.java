package io.strata.encoding;

import java.lang.foreign.MemorySegment;
import java.util.zip.CRC32C;

/**
 * CRC32C (Castagnoli) of byte ranges. {@link CRC32C} is intrinsified by HotSpot (SSE4.2 /
 * ARMv8 CRC instructions), so this is far faster than a table-driven loop.
 */
public final class Crc32c {
    private Crc32c() {}

    public static int of(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** CRC32C of {@code length} bytes at {@code offset} of a heap or off-heap segment. */
    public static int of(MemorySegment segment, long offset, long length) {
        CRC32C crc = new CRC32C();
        crc.update(segment.asSlice(offset, length).asByteBuffer());
        return (int) crc.getValue();
    }
}
