package io.strata.encoding.chunk;

import io.strata.encoding.BitWriter;
import io.strata.storage.SampleCursor;
import java.lang.foreign.MemorySegment;

/**
 * Append-only builder of one chunk. Not thread-safe. Reusable after {@link #reset()}.
 *
 * <p>Samples are kept compressed while the chunk is open (a {@link ChunkFormat#DECIMAL_V1}
 * stream, see {@code docs/format/chunks.md}), so an open chunk costs about as much heap as its encoded size.
 * {@link #cursor} reads that stream directly; {@link #finish()} produces the self-describing
 * chunk that {@link Chunks} reads.
 *
 * <p>A chunk is full when it holds {@code maxSamples} samples or when its stream might exceed
 * {@code maxBytes} with one more sample of the worst case; {@link #append} then returns false.
 */
public final class ChunkAppender {
    /**
     * 1024 samples hold a 2-hour block at a 10 s interval in one chunk (per-chunk overhead is
     * spread over many samples) while one full decode for a seek stays a few microseconds.
     */
    public static final int DEFAULT_MAX_SAMPLES = 1024;
    /** Caps random-valued series (about 8 bytes a sample) well before the sample limit's worst case. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024;

    private static final int MAX_SAMPLE_BYTES = (DecimalStreamWriter.MAX_SAMPLE_BITS + 7) / 8 + 1;
    /** Header worst case: encoding byte, three varints of up to 10 bytes, body length varint. */
    private static final int MAX_HEADER_BYTES = 1 + 3 + 10 + 10 + 3;

    private final int maxSamples;
    private final int maxBytes;
    private final BitWriter stream = new BitWriter(32);
    private final DecimalStreamWriter writer = new DecimalStreamWriter();
    /** View of {@link #stream}'s current array; rebuilt only when the array is replaced. */
    private byte[] streamViewArray = stream.buffer();
    private MemorySegment streamView = MemorySegment.ofArray(streamViewArray);
    private long minTime;
    private long maxTime;

    public ChunkAppender() {
        this(DEFAULT_MAX_SAMPLES, DEFAULT_MAX_BYTES);
    }

    /**
     * @param maxSamples samples after which the chunk is full, 1..{@link ChunkFormat#MAX_SAMPLES}
     * @param maxBytes encoded size after which the chunk is full, at least 256
     */
    public ChunkAppender(int maxSamples, int maxBytes) {
        if (maxSamples < 1 || maxSamples > ChunkFormat.MAX_SAMPLES) {
            throw new IllegalArgumentException("maxSamples " + maxSamples + " outside [1, "
                    + ChunkFormat.MAX_SAMPLES + "]");
        }
        if (maxBytes < 256 || maxBytes > ChunkFormat.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " outside [256, "
                    + ChunkFormat.MAX_BODY_BYTES + "]");
        }
        this.maxSamples = maxSamples;
        this.maxBytes = maxBytes;
    }

    /**
     * Appends a sample; timestamps must strictly increase (IllegalArgumentException otherwise —
     * callers check order first). Returns false, appending nothing, when the chunk is full (by
     * sample count or size); the caller then finishes it and starts a new one.
     */
    public boolean append(long timestamp, double value) {
        int count = writer.count();
        if (count > 0 && timestamp <= maxTime) {
            throw new IllegalArgumentException("timestamp " + timestamp
                    + " does not follow the chunk's last timestamp " + maxTime);
        }
        if (count >= maxSamples
                || MAX_HEADER_BYTES + stream.byteLength() + MAX_SAMPLE_BYTES + ChunkFormat.CRC_BYTES > maxBytes) {
            return false;
        }
        writer.append(stream, timestamp, value);
        if (count == 0) {
            minTime = timestamp;
        }
        maxTime = timestamp;
        return true;
    }

    public int numSamples() {
        return writer.count();
    }

    /** Timestamp of the first sample; undefined when empty. */
    public long minTime() {
        return minTime;
    }

    /** Timestamp of the last sample; undefined when empty. */
    public long maxTime() {
        return maxTime;
    }

    /**
     * Approximately the bytes {@link #finish()} would return now: the size of the open chunk's
     * stream with its header. It is an upper bound: finishing recompresses the stream column by
     * column and keeps the result only when smaller (typically a half or less for
     * integer-valued series).
     */
    public int sizeInBytes() {
        int body = stream.byteLength();
        return ChunkHeader.size(writer.count(), minTime, maxTime, body) + body + ChunkFormat.CRC_BYTES;
    }

    /**
     * The self-describing encoded chunk (header with encoding id, sample count, etc.). The
     * appender keeps working and readable afterwards until {@link #reset()}.
     */
    public byte[] finish() {
        return finish(null);
    }

    /**
     * {@link #finish()}, with the scratch space of {@code encoder} (null: allocate it), for
     * callers that finish many chunks on one thread.
     */
    public byte[] finish(ChunkEncoder encoder) {
        int count = writer.count();
        if (count > 0) {
            byte[] packed = finishPacked(count, encoder == null ? new ChunkEncoder() : encoder);
            if (packed.length <= sizeInBytes()) {
                return packed;
            }
        }
        int body = stream.byteLength();
        byte[] chunk = new byte[ChunkHeader.size(count, minTime, maxTime, body) + body + ChunkFormat.CRC_BYTES];
        int pos = ChunkHeader.write(chunk, 0, ChunkFormat.DECIMAL_V1, count, minTime, maxTime, body);
        System.arraycopy(stream.buffer(), 0, chunk, pos, body);
        ChunkHeader.writeCrc(chunk, pos + body);
        return chunk;
    }

    /**
     * Recompresses the stream column by column: knowing every sample, the packed encoding picks
     * the modes and bit widths that fit this chunk (see {@code docs/format/chunks.md}). Scratch
     * space comes from the encoder rather than this appender, because a head may hold an
     * appender per series and finishes each one rarely.
     */
    private byte[] finishPacked(int count, ChunkEncoder encoder) {
        long[] timestamps = encoder.timestamps(count);
        double[] values = encoder.values(count);
        ChunkCursor cursor = (ChunkCursor) cursor(null);
        for (int i = 0; i < count; i++) {
            cursor.next();
            timestamps[i] = cursor.timestamp();
            values[i] = cursor.value();
        }
        return encoder.packed().encode(timestamps, values, count);
    }

    /**
     * Iterates the samples appended so far (the head reads its open chunk this way); {@code reuse}
     * is recycled when it is a cursor from this class or from {@link Chunks}. Sees every sample
     * appended before the call, none appended after; invalid after {@link #reset()}.
     */
    public SampleCursor cursor(SampleCursor reuse) {
        ChunkCursor cursor = reuse instanceof ChunkCursor c ? c : new ChunkCursor();
        byte[] buffer = stream.buffer();
        if (streamViewArray != buffer) {
            streamViewArray = buffer;
            streamView = MemorySegment.ofArray(buffer);
        }
        return cursor.resetOpen(streamView, stream.bitLength(), writer.count(), minTime, maxTime);
    }

    /** Empties the appender for a new chunk, keeping its buffers. */
    public void reset() {
        stream.reset();
        writer.reset();
        minTime = 0;
        maxTime = 0;
    }

    /** Approximate heap bytes this appender holds (for memory accounting of the head). */
    public long retainedBytes() {
        // Headers and fields of this object, the stream writer, the bit writer and the
        // segment view (about 150 bytes with compressed oops), plus the stream's array.
        return 150L + 16 + stream.capacity();
    }
}
