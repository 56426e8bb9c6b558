package io.strata.encoding.chunk;

import io.strata.encoding.ByteInput;
import io.strata.encoding.CorruptChunkException;
import io.strata.encoding.Crc32c;
import io.strata.storage.SampleCursor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reading finished chunks, from heap arrays or memory-mapped/off-heap segments. Thread-safe
 * statics. The layout is specified in {@code docs/format/chunks.md}.
 *
 * <p>Every method bounds-checks against the given segment: corrupt or truncated bytes raise
 * {@link CorruptChunkException}, never an index exception. Cursors check structure while they
 * decode but not the CRC (that would read every byte twice); {@link #verify} checks everything.
 */
public final class Chunks {
    private static final ValueLayout.OfInt INT_LE =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Chunks() {}

    /**
     * A cursor over the chunk starting at offset 0 of {@code chunk} (which may extend beyond
     * it); {@code reuse} is recycled when it is a cursor from this class.
     */
    public static SampleCursor cursor(MemorySegment chunk, SampleCursor reuse) {
        ChunkCursor cursor = reuse instanceof ChunkCursor c ? c : new ChunkCursor();
        return cursor.resetFinished(chunk);
    }

    /**
     * Encodes {@code count} samples straight into a finished chunk, as
     * {@link ChunkAppender#finish()} would, without building the open-chunk stream first: for
     * block writing and compaction, which have the samples in arrays already. Thread-safe;
     * allocates its scratch space per call ({@link ChunkEncoder} keeps it).
     *
     * @throws IllegalArgumentException if timestamps do not strictly increase or {@code count}
     *     is outside [0, {@link ChunkFormat#MAX_SAMPLES}] or beyond the arrays
     */
    public static byte[] encode(long[] timestamps, double[] values, int count) {
        return new ChunkEncoder().encode(timestamps, values, count);
    }

    public static SampleCursor cursor(byte[] chunk, SampleCursor reuse) {
        return cursor(MemorySegment.ofArray(chunk), reuse);
    }

    /**
     * A cursor over the first {@code bits} bits of a {@link ChunkFormat#DECIMAL_V1} body that is
     * still being appended to (a head's open chunk), read in place instead of copied into a
     * finished chunk. Safe while the writer goes on appending, as long as it only ever sets bits
     * after {@code bits} in this array (growing into a new array leaves this one untouched) and
     * the caller took {@code bits} and the array under the same lock as the writer.
     */
    public static SampleCursor openStreamCursor(byte[] stream, long bits, int numSamples, long minTime,
            long maxTime, SampleCursor reuse) {
        ChunkCursor cursor = reuse instanceof ChunkCursor c ? c : new ChunkCursor();
        return cursor.resetOpen(MemorySegment.ofArray(stream), bits, numSamples, minTime, maxTime);
    }

    public static int numSamples(MemorySegment chunk) {
        return parse(chunk).numSamples;
    }

    /** The first sample's timestamp; 0 for an empty chunk. */
    public static long minTime(MemorySegment chunk) {
        return parse(chunk).minTime;
    }

    /** The last sample's timestamp; 0 for an empty chunk. */
    public static long maxTime(MemorySegment chunk) {
        return parse(chunk).maxTime;
    }

    /** Total encoded length of the chunk starting at offset 0 of {@code data} (so chunks can be stored back to back). */
    public static int length(MemorySegment data) {
        return parse(data).totalLength();
    }

    /**
     * Validates the chunk fully (header, CRC, decodes every sample and checks the last one is
     * the header's maxTime); throws {@link CorruptChunkException} naming the problem and offset.
     */
    public static void verify(MemorySegment chunk) {
        ChunkHeader header = parse(chunk);
        int crcOffset = header.crcOffset();
        int stored = chunk.get(INT_LE, crcOffset);
        int computed = Crc32c.of(chunk, 0, crcOffset);
        CorruptChunkException decodeError = null;
        try {
            checkSamples(new ChunkCursor().resetFinished(chunk), header);
        } catch (CorruptChunkException e) {
            decodeError = e;
        }
        if (stored != computed) {
            CorruptChunkException crcError = new CorruptChunkException("CRC32C mismatch: stored 0x"
                    + Integer.toHexString(stored) + ", computed 0x" + Integer.toHexString(computed),
                    crcOffset);
            if (decodeError != null) {
                decodeError.addSuppressed(crcError);
                throw decodeError;
            }
            throw crcError;
        }
        if (decodeError != null) {
            throw decodeError;
        }
    }

    private static void checkSamples(ChunkCursor cursor, ChunkHeader header) {
        long last = header.minTime;
        while (cursor.next() == SampleCursor.FLOAT) {
            last = cursor.timestamp();
        }
        if (header.numSamples > 0 && last != header.maxTime) {
            throw new CorruptChunkException("last sample at " + last + " but header says maxTime "
                    + header.maxTime, header.bodyOffset);
        }
        if (!cursor.onlyPaddingLeft()) {
            throw new CorruptChunkException("unused bytes after the last sample",
                    header.crcOffset());
        }
    }

    private static ChunkHeader parse(MemorySegment chunk) {
        return new ChunkHeader().parse(chunk, new ByteInput());
    }
}
