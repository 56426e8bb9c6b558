package io.strata.tsdb.block;

import io.strata.tsdb.index.Checksums;
import io.strata.tsdb.index.CorruptFileException;
import io.strata.tsdb.index.SegmentReader;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Hands out the chunks of a mapped {@code chunks} file ({@link ChunksFormatV1}), checking each
 * chunk's CRC32C before its bytes are decoded. Thread-safe; the returned segments are valid while
 * the block's arena is open.
 */
public final class ChunksReader {
    private final MemorySegment segment;
    private final Path file;
    private final long chunksEnd;

    /** Checks the header and size; the records are checked one by one as they are read. */
    public ChunksReader(MemorySegment segment, Path file) {
        Checksums.verifyHeader(segment, file, ChunksFormatV1.MAGIC, "chunks", ChunksFormatV1.VERSION);
        if (segment.byteSize() < ChunksFormatV1.HEADER_BYTES + ChunksFormatV1.FOOTER_BYTES) {
            throw new CorruptFileException(file, 0, "chunks file of " + segment.byteSize() + " bytes lacks its footer");
        }
        this.segment = segment;
        this.file = file;
        this.chunksEnd = segment.byteSize() - ChunksFormatV1.FOOTER_BYTES;
    }

    /**
     * The chunk of {@code length} bytes at {@code offset}, after checking its trailing CRC32C.
     *
     * @throws CorruptFileException when the chunk lies outside the file or its CRC differs
     */
    public MemorySegment chunk(long offset, int length) {
        if (offset < ChunksFormatV1.HEADER_BYTES || length <= ChunksFormatV1.CHUNK_CRC_BYTES
                || offset + length > chunksEnd) {
            throw new CorruptFileException(file, offset, "chunk of " + length + " bytes lies outside "
                    + "the chunks [" + ChunksFormatV1.HEADER_BYTES + ", " + chunksEnd + ")");
        }
        long crcOffset = offset + length - ChunksFormatV1.CHUNK_CRC_BYTES;
        int stored = segment.get(SegmentReader.INT_LE, crcOffset);
        int actual = Checksums.crc32c(segment, offset, crcOffset);
        if (stored != actual) {
            throw new CorruptFileException(file, offset, "chunk checksum mismatch: chunk says "
                    + Integer.toHexString(stored) + ", its bytes have " + Integer.toHexString(actual));
        }
        return segment.asSlice(offset, length);
    }

    /** Checks the whole-file checksum (reads every byte). */
    public void verify() {
        Checksums.verifyFooter(segment, file);
    }

    public Path file() {
        return file;
    }
}
