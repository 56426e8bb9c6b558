package io.strata.tsdb.head;

import io.strata.encoding.chunk.ChunkAppender;
import io.strata.encoding.chunk.Chunks;
import io.strata.model.Labels;
import io.strata.storage.SampleCursor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Everything the head holds before a boundary, collected by {@link Head#prepareCut}, grouped
 * into block-duration ranges. For each range, {@link #range} walks the series with data in it in
 * label order with their chunks ascending and non-overlapping, which is what a block writer needs.
 *
 * <p>Chunks are passed through as they are when nothing else touches their range; when
 * out-of-order samples or tombstones do, the range's samples of that series are merged, filtered
 * and re-encoded.
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
            return parts.get(index).series().labels;
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

        private boolean load(CutPart p) {
            boolean reencode = p.tombstones() != null && overlaps(p.tombstones());
            OutOfOrderBuffer ooo = p.outOfOrder();
            if (ooo != null) {
                for (int i = 0; i < ooo.size() && !reencode; i++) {
                    long t = ooo.timestamp(i);
                    reencode = t >= start && t < end;
                }
            }
            List<MemorySegment> inRange = new ArrayList<>();
            for (int i = 0; i < p.chunkMinTimes().length; i++) {
                long t = p.chunkMinTimes()[i];
                if (t >= start && t < end) {
                    inRange.add(p.chunks()[i]);
                }
            }
            if (!reencode) {
                for (MemorySegment c : inRange) {
                    current.add(c.toArray(ValueLayout.JAVA_BYTE));
                    minTime = Math.min(minTime, Chunks.minTime(c));
                    maxTime = Math.max(maxTime, Chunks.maxTime(c));
                }
                return !current.isEmpty();
            }
            SeriesSnapshot snapshot = new SeriesSnapshot(inRange.toArray(MemorySegment[]::new), null,
                    ooo == null ? null : ooo.copyRange(start, end - 1), p.tombstones(), start, end - 1);
            SampleCursor c = snapshot.cursor(null);
            ChunkAppender appender = shape.newAppender();
            while (c.next() != SampleCursor.NONE) {
                long t = c.timestamp();
                double v = c.value();
                if (!appender.append(t, v)) {
                    current.add(appender.finish());
                    appender = shape.newAppender();
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

        private boolean overlaps(long[] tombstones) {
            for (int i = 0; i < tombstones.length; i += 2) {
                if (tombstones[i] < end && tombstones[i + 1] >= start) {
                    return true;
                }
            }
            return false;
        }
    }
}
