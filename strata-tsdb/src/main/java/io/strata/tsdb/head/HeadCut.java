package io.strata.tsdb.head;

import io.strata.encoding.chunk.ChunkAppender;
import io.strata.model.Labels;
import io.strata.storage.SampleCursor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Everything the head holds before a boundary, collected by {@link Head#prepareCut}, grouped
 * into block-duration ranges. For each range, {@link #range} walks the series with data in it in
 * label order with their chunks ascending and non-overlapping, which is what a block writer needs.
 *
 * <p>Each series' samples of a range are merged with its out-of-order samples, filtered by its
 * tombstones and re-encoded into block chunks.
 */
public final class HeadCut {
    private final long boundary;
    private final long rangeMillis;
    private final ChunkShape shape;
    private final List<CutPart> parts;
    private final long epoch;

    HeadCut(long boundary, long rangeMillis, ChunkShape shape, List<CutPart> parts, long epoch) {
        this.boundary = boundary;
        this.rangeMillis = rangeMillis;
        this.shape = shape;
        this.parts = parts;
        this.epoch = epoch;
    }

    public long boundary() {
        return boundary;
    }

    List<CutPart> parts() {
        return parts;
    }

    long epoch() {
        return epoch;
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** Number of series with data before the boundary. */
    public int seriesCount() {
        return parts.size();
    }

    /** Start times of the ranges that have data, ascending. */
    public List<Long> rangeStarts() {
        TreeSet<Long> starts = new TreeSet<>();
        for (CutPart p : parts) {
            for (long t : p.chunkMinTimes()) {
                starts.add(shape.rangeStart(t));
            }
            OutOfOrderBuffer ooo = p.outOfOrder();
            if (ooo != null) {
                for (int i = 0; i < ooo.size(); i++) {
                    starts.add(shape.rangeStart(ooo.timestamp(i)));
                }
            }
        }
        return new ArrayList<>(starts);
    }

    /** The series with data in {@code [start, start + rangeMillis)}. */
    public RangeSeries range(long start) {
        return new RangeSeries(start, start + rangeMillis);
    }

    /**
     * Iterates the series of one range in label order. Call {@link #next()} first; the chunks of
     * the current series are valid until the next call.
     */
    public final class RangeSeries {
        private final long start;
        private final long end;
        private int index = -1;
        private final List<byte[]> current = new ArrayList<>();
        private long minTime = Long.MAX_VALUE;
        private long maxTime = Long.MIN_VALUE;
        private SampleCursor cursor;

        RangeSeries(long start, long end) {
            this.start = start;
            this.end = end;
        }

        public long start() {
            return start;
        }

        public long end() {
            return end;
        }

        public boolean next() {
            while (++index < parts.size()) {
                current.clear();
                if (load(parts.get(index))) {
                    return true;
                }
            }
            return false;
        }

        public Labels labels() {
            return parts.get(index).labels();
        }

        public int chunkCount() {
            return current.size();
        }

        public byte[] chunk(int i) {
            return current.get(i);
        }

        /** Oldest sample among the series returned so far. */
        public long minTime() {
            return minTime;
        }

        /** Newest sample among the series returned so far. */
        public long maxTime() {
            return maxTime;
        }

        /**
         * Re-encodes the series' samples of this range (chunks merged with out-of-order samples,
         * deleted ones dropped) into block chunks: bigger than head chunks, and in the compact
         * encoding {@link ChunkAppender#finish()} chooses for closed chunks. This runs in the
         * background, so the ingest path never pays for that recompression.
         */
        private boolean load(CutPart p) {
            List<MemorySegment> inRange = new ArrayList<>();
            for (int i = 0; i < p.chunkMinTimes().length; i++) {
                long t = p.chunkMinTimes()[i];
                if (t >= start && t < end) {
                    inRange.add(p.chunks()[i]);
                }
            }
            OutOfOrderBuffer ooo = p.outOfOrder() == null ? null : p.outOfOrder().copyRange(start, end - 1);
            if (inRange.isEmpty() && (ooo == null || ooo.size() == 0)) {
                return false;
            }
            SeriesSnapshot snapshot = new SeriesSnapshot(inRange.toArray(MemorySegment[]::new), null,
                    ooo == null || ooo.size() == 0 ? null : ooo, p.tombstones(), start, end - 1);
            cursor = snapshot.cursor(cursor);
            ChunkAppender appender = new ChunkAppender();
            while (cursor.next() != SampleCursor.NONE) {
                long t = cursor.timestamp();
                double v = cursor.value();
                if (!appender.append(t, v)) {
                    current.add(appender.finish());
                    appender = new ChunkAppender();
                    appender.append(t, v);
                }
                minTime = Math.min(minTime, t);
                maxTime = Math.max(maxTime, t);
            }
            if (appender.numSamples() > 0) {
                current.add(appender.finish());
            }
            return !current.isEmpty();
        }
    }
}
