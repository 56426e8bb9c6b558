package io.strata.tsdb.index;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * One postings entry of the index: a kind byte, then either a varint delta list (short lists,
 * where Roaring's 18 bytes of headers would dominate) or Roaring's portable serialization with
 * run containers (dense or contiguous lists), which queries wrap in place without decoding.
 */
final class PostingsCodec {
    private PostingsCodec() {}

    /** Writes {@code postings} (run-optimized as a side effect) and returns the entry's length. */
    static int write(ChecksummedWriter out, MutableRoaringBitmap postings) throws IOException {
        postings.runOptimize();
        int count = postings.getCardinality();
        int listBytes = count <= IndexFormatV1.MAX_VARINT_POSTINGS ? varintListSize(postings) : Integer.MAX_VALUE;
        int roaringBytes = postings.serializedSizeInBytes();
        if (listBytes <= roaringBytes) {
            out.writeByte(IndexFormatV1.POSTINGS_LIST);
            out.writeVarint(count);
            int prev = 0;
            for (IntIterator it = postings.getIntIterator(); it.hasNext(); ) {
                int id = it.next();
                out.writeVarint(id - prev);
                prev = id;
            }
            return 1 + listBytes;
        }
        ByteBuffer buffer = ByteBuffer.allocate(roaringBytes).order(ByteOrder.LITTLE_ENDIAN);
        postings.serialize(buffer);
        buffer.flip();
        out.writeByte(IndexFormatV1.POSTINGS_ROARING);
        out.writeBytes(buffer);
        return 1 + roaringBytes;
    }

    /** Reads the entry at {@code [offset, offset+length)}; Roaring entries are views over the mapping. */
    static ImmutableRoaringBitmap read(MemorySegment segment, Path file, long offset, long length) {
        SegmentReader r = new SegmentReader(segment, file, offset, offset + length);
        int kind = r.readByte();
        if (kind == IndexFormatV1.POSTINGS_LIST) {
            int count = r.readVarint();
            MutableRoaringBitmap b = new MutableRoaringBitmap();
            int id = 0;
            for (int i = 0; i < count; i++) {
                int delta = r.readVarint();
                if (i > 0 && delta == 0) {
                    throw r.corrupt("postings list repeats series id " + id);
                }
                id += delta;
                if (id < 0) {
                    throw r.corrupt("postings list overflows the series id range");
                }
                b.add(id);
            }
            return b;
        }
        if (kind == IndexFormatV1.POSTINGS_ROARING) {
            try {
                return new ImmutableRoaringBitmap(
                        segment.asSlice(offset + 1, length - 1).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
            } catch (RuntimeException e) {
                throw new CorruptFileException(file, offset, "unreadable Roaring postings", e);
            }
        }
        throw new CorruptFileException(file, offset, "unknown postings kind " + kind);
    }

    private static int varintListSize(MutableRoaringBitmap postings) {
        int size = varintSize(postings.getCardinality());
        int prev = 0;
        for (IntIterator it = postings.getIntIterator(); it.hasNext(); ) {
            int id = it.next();
            size += varintSize(id - prev);
            prev = id;
        }
        return size;
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7fL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
