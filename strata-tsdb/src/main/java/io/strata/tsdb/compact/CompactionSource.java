package io.strata.tsdb.compact;

import io.strata.encoding.chunk.ChunkAppender;
import io.strata.model.Labels;
import io.strata.storage.SampleCursor;
import io.strata.storage.merge.MergeSampleCursor;
import io.strata.tsdb.block.BlockReader;
import io.strata.tsdb.block.BlockSeriesSource;
import io.strata.tsdb.block.Tombstones;
import io.strata.tsdb.index.SeriesDecoder;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The series of several blocks merged by labels, as a {@link BlockSeriesSource} for the writer of
 * the compacted block. Per series:
 *
 * <ul>
 *   <li>when its chunks (from one or several blocks) do not overlap in time and no delete touches
 *       them, they are copied as they are, without decoding;
 *   <li>otherwise its samples are decoded, merged in time order (equal timestamps deduplicated,
 *       the earlier input wins), deleted samples dropped, and re-encoded into new chunks.
 * </ul>
 *
 * A series whose samples are all deleted is left out. Inputs are read in ascending id order, which
 * is label order, so the merge is a single k-way pass.
 */
final class CompactionSource implements BlockSeriesSource {
    private final List<BlockReader> readers;
    private final SeriesDecoder[] decoders;
    private final int[] ids;
    private final Labels[] heads;
    private final SampleCursor[] reusable;
    private final List<MemorySegment> chunks = new ArrayList<>();
    private final List<ChunkRef> refs = new ArrayList<>();
    private final MergeSampleCursor merge = new MergeSampleCursor();
    private final ChunkAppender appender = new ChunkAppender();
    private Labels labels;
    private long reencodedSeries;

    CompactionSource(List<BlockReader> readers) {
        this.readers = readers;
        int n = readers.size();
        decoders = new SeriesDecoder[n];
        ids = new int[n];
        heads = new Labels[n];
        reusable = new SampleCursor[n];
        for (int i = 0; i < n; i++) {
            decoders[i] = readers.get(i).index().seriesDecoder();
            ids[i] = -1;
            advance(i);
        }
    }

    @Override
    public boolean next() {
        while (true) {
            Labels min = null;
            for (Labels h : heads) {
                if (h != null && (min == null || h.compareTo(min) < 0)) {
                    min = h;
                }
            }
            if (min == null) {
                labels = null;
                return false;
            }
            labels = min;
            chunks.clear();
            collect(min);
            for (int i = 0; i < heads.length; i++) {
                if (min.equals(heads[i])) {
                    advance(i);
                }
            }
            if (!chunks.isEmpty()) {
                return true;
            }
        }
    }

    /** Series whose samples had to be decoded and re-encoded, for the compaction's log line. */
    long reencodedSeries() {
        return reencodedSeries;
    }

    private record ChunkRef(int input, long offset, int length, long minTime, long maxTime) {}

    private void collect(Labels series) {
        refs.clear();
        boolean copyable = true;
        for (int i = 0; i < heads.length; i++) {
            if (!series.equals(heads[i])) {
                continue;
            }
            SeriesDecoder d = decoders[i];
            long[] deleted = readers.get(i).tombstones().intervals(ids[i]);
            for (int c = 0; c < d.chunkCount(); c++) {
                refs.add(new ChunkRef(i, d.chunkOffset(c), d.chunkLength(c), d.chunkMinTime(c), d.chunkMaxTime(c)));
                copyable &= !Tombstones.intersects(deleted, d.chunkMinTime(c), d.chunkMaxTime(c));
            }
        }
        refs.sort((a, b) -> Long.compare(a.minTime, b.minTime));
        for (int k = 1; k < refs.size() && copyable; k++) {
            copyable = refs.get(k).minTime > refs.get(k - 1).maxTime;
        }
        if (copyable) {
            for (ChunkRef r : refs) {
                chunks.add(readers.get(r.input).chunks().chunk(r.offset, r.length));
            }
            return;
        }
        reencodedSeries++;
        merge.reset();
        for (int i = 0; i < heads.length; i++) {
            if (series.equals(heads[i])) {
                reusable[i] = readers.get(i).cursor(decoders[i], reusable[i]);
                merge.add(reusable[i]);
            }
        }
        appender.reset();
        while (merge.next() == SampleCursor.FLOAT) {
            long t = merge.timestamp();
            double v = merge.value();
            if (!appender.append(t, v)) {
                chunks.add(MemorySegment.ofArray(appender.finish()));
                appender.reset();
                appender.append(t, v);
            }
        }
        if (appender.numSamples() > 0) {
            chunks.add(MemorySegment.ofArray(appender.finish()));
        }
    }

    private void advance(int i) {
        int next = ids[i] + 1;
        if (next >= readers.get(i).index().seriesCount()) {
            heads[i] = null;
            return;
        }
        decoders[i].seek(next);
        ids[i] = next;
        heads[i] = decoders[i].labels();
    }

    @Override
    public Labels labels() {
        return labels;
    }

    @Override
    public int chunkCount() {
        return chunks.size();
    }

    @Override
    public byte[] chunk(int i) {
        return chunks.get(i).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    @Override
    public MemorySegment chunkSegment(int i) {
        return chunks.get(i);
    }
}
