package io.strata.tsdb.block;

import io.strata.tsdb.index.Checksums;
import io.strata.tsdb.index.CorruptFileException;
import io.strata.tsdb.index.SegmentReader;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Hands out the chunks of a mapped {@code chunks} file ({@link ChunksFormatV1}), checking each
 * record's CRC32C before its bytes are decoded. Thread-safe; the returned segments are valid while
 * the block's arena is open.
 */
public final class ChunksReader {
    private final MemorySegment segment;
    private final Path file;
    private final long recordsEnd;

    /** Checks the header and size; the records are checked one by one as they are read. */
    public ChunksReader(MemorySegment segment, Path file) {
        Checksums.verifyHeader(segment, file, ChunksFormatV1.MAGIC, "chunks", ChunksFormatV1.VERSION);
        if (segment.byteSize() < ChunksFormatV1.HEADER_BYTES + ChunksFormatV1.FOOTER_BYTES) {
            throw new CorruptFileException(file, 0, "chunks file of " + segment.byteSize() + " bytes lacks its footer");
        }
        this.segment = segment;
        this.file = file;
        this.recordsEnd = segment.byteSize() - ChunksFormatV1.FOOTER_BYTES;
    }

    /**
     * The chunk of the record at {@code offset} with {@code recordLength} bytes (chunk + CRC).
     *
     * @throws CorruptFileException when the record lies outside the file or its CRC differs
     */
    public MemorySegment chunk(long offset, int recordLength) {
        if (offset < ChunksFormatV1.HEADER_BYTES || recordLength <= ChunksFormatV1.RECORD_CRC_BYTES
                || offset + recordLength > recordsEnd) {
            throw new CorruptFileException(file, offset, "chunk record of " + recordLength + " bytes lies outside "
                    + "the records [" + ChunksFormatV1.HEADER_BYTES + ", " + recordsEnd + ")");
        }
        long chunkEnd = offset + recordLength - ChunksFormatV1.RECORD_CRC_BYTES;
        int stored = segment.get(SegmentReader.INT_LE, chunkEnd);
        int actual = Checksums.crc32c(segment, offset, chunkEnd);
        if (stored != actual) {
            throw new CorruptFileException(file, offset, "chunk checksum mismatch: record says "
                    + Integer.toHexString(stored) + ", chunk has " + Integer.toHexString(actual));
        }
        return segment.asSlice(offset, chunkEnd - offset);
    }

    /** Checks the whole-file checksum (reads every byte). */
    public void verify() {
        Checksums.verifyFooter(segment, file);
    }

    public Path file() {
        return file;
    }
}
