package io.strata.encoding.chunk;

import io.strata.encoding.ByteInput;
import io.strata.encoding.CorruptChunkException;
import io.strata.encoding.Crc32c;
import io.strata.encoding.Varints;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The parsed header of one chunk (see {@link ChunkFormat}). Mutable and reusable so that cursors
 * parse headers without allocating.
 */
final class ChunkHeader {
    int encoding;
    int numSamples;
    long minTime;
    long maxTime;
    /** Offset of the body from the start of the chunk. */
    int bodyOffset;
    int bodyLength;

    /** Offset of the CRC trailer, which is also the number of bytes it covers. */
    int crcOffset() {
        return bodyOffset + bodyLength;
    }

    int totalLength() {
        return bodyOffset + bodyLength + ChunkFormat.CRC_BYTES;
    }

    /**
     * Parses the header at offset 0 of {@code data}, checking that the whole chunk (body and
     * CRC) lies inside {@code data}; {@code input} is scratch.
     */
    ChunkHeader parse(MemorySegment data, ByteInput input) {
        if (data.byteSize() < 1) {
            throw new CorruptChunkException("empty chunk: no encoding byte", 0);
        }
        input.reset(data, 0, Math.min(data.byteSize(), Integer.MAX_VALUE));
        encoding = input.readUnsignedByte();
        if (encoding != ChunkFormat.XOR_V1 && encoding != ChunkFormat.PACKED_V1 && encoding != ChunkFormat.DECIMAL_V1) {
            throw new CorruptChunkException("unknown chunk encoding "
                    + ChunkFormat.encodingName(encoding) + "; this version reads "
                    + ChunkFormat.encodingName(ChunkFormat.XOR_V1) + ", "
                    + ChunkFormat.encodingName(ChunkFormat.PACKED_V1) + " and "
                    + ChunkFormat.encodingName(ChunkFormat.DECIMAL_V1), 0);
        }
        numSamples = (int) input.readUnsignedVarint("sample count", 0, ChunkFormat.MAX_SAMPLES);
        if (numSamples > 0) {
            minTime = input.readSignedVarint();
            long span = input.readUnsignedVarint();
            // Unsigned: a chunk may span more than Long.MAX_VALUE milliseconds.
            if (Long.compareUnsigned(span, Long.MAX_VALUE - minTime) > 0) {
                throw new CorruptChunkException("time span " + Long.toUnsignedString(span)
                        + " from minTime " + minTime + " overflows", input.offset());
            }
            maxTime = minTime + span;
            if (numSamples > 1 && span == 0) {
                throw new CorruptChunkException(numSamples + " samples in a zero time span",
                        input.offset());
            }
        } else {
            minTime = 0;
            maxTime = 0;
        }
        bodyLength = (int) input.readUnsignedVarint("body length", 0, ChunkFormat.MAX_BODY_BYTES);
        bodyOffset = (int) input.offset();
        if (input.remaining() < (long) bodyLength + ChunkFormat.CRC_BYTES) {
            throw new CorruptChunkException("chunk of " + totalLength() + " bytes is cut off at "
                    + data.byteSize() + " bytes", bodyOffset);
        }
        return this;
    }

    /** Bytes of the header for these fields. */
    static int size(int numSamples, long minTime, long maxTime, int bodyLength) {
        int size = 1 + Varints.sizeOfUnsigned(numSamples) + Varints.sizeOfUnsigned(bodyLength);
        if (numSamples > 0) {
            size += Varints.sizeOfSigned(minTime) + Varints.sizeOfUnsigned(maxTime - minTime);
        }
        return size;
    }

    /** Writes a header for a body of {@code bodyLength} bytes at {@code pos}; returns the position after it. */
    static int write(byte[] dst, int pos, int encoding, int numSamples, long minTime, long maxTime,
            int bodyLength) {
        dst[pos++] = (byte) encoding;
        pos = Varints.writeUnsigned(dst, pos, numSamples);
        if (numSamples > 0) {
            pos = Varints.writeSigned(dst, pos, minTime);
            pos = Varints.writeUnsigned(dst, pos, maxTime - minTime);
        }
        return Varints.writeUnsigned(dst, pos, bodyLength);
    }

    /** Writes the CRC32C of {@code dst[0, crcOffset)} at {@code crcOffset}, little-endian. */
    static void writeCrc(byte[] dst, int crcOffset) {
        int crc = Crc32c.of(dst, 0, crcOffset);
        for (int i = 0; i < ChunkFormat.CRC_BYTES; i++) {
            dst[crcOffset + i] = (byte) (crc >>> (8 * i));
        }
    }

    /** The encoding byte of a chunk, without validating anything else. */
    static int peekEncoding(MemorySegment data) {
        if (data.byteSize() < 1) {
            throw new CorruptChunkException("empty chunk: no encoding byte", 0);
        }
        return data.get(ValueLayout.JAVA_BYTE, 0) & 0xFF;
    }
}
