package io.strata.tsdb.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.roaringbitmap.buffer.BufferFastAggregation;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/** Small helpers over postings bitmaps shared by the selector, the head and the blocks. */
public final class Postings {
    /**
     * The empty postings list. It wraps a serialized empty bitmap, so unlike an empty
     * {@link MutableRoaringBitmap} nobody can add to it by casting.
     */
    public static final ImmutableRoaringBitmap EMPTY = frozen(new MutableRoaringBitmap());

    private Postings() {}

    /** Ids {@code 0 .. count-1}, stored as run containers (a few bytes whatever the count). */
    public static ImmutableRoaringBitmap range(int count) {
        if (count == 0) {
            return EMPTY;
        }
        MutableRoaringBitmap b = new MutableRoaringBitmap();
        b.add(0L, count);
        b.runOptimize();
        return frozen(b);
    }

    /** The union of {@code lists}; returns the single element itself when there is one. */
    public static ImmutableRoaringBitmap union(List<ImmutableRoaringBitmap> lists) {
        return switch (lists.size()) {
            case 0 -> EMPTY;
            case 1 -> lists.getFirst();
            case 2 -> ImmutableRoaringBitmap.or(lists.get(0), lists.get(1));
            default -> BufferFastAggregation.or(lists.iterator());
        };
    }

    /** A read-only copy of {@code bitmap} in Roaring's portable format on the heap. */
    public static ImmutableRoaringBitmap frozen(MutableRoaringBitmap bitmap) {
        ByteBuffer buffer = ByteBuffer.allocate(bitmap.serializedSizeInBytes()).order(ByteOrder.LITTLE_ENDIAN);
        bitmap.serialize(buffer);
        buffer.flip();
        return new ImmutableRoaringBitmap(buffer);
    }
}
