package io.strata.tsdb.history;

import io.strata.encoding.chunk.ChunkAppender;
import io.strata.encoding.chunk.ChunkEncoder;
import io.strata.model.Labels;
import io.strata.tsdb.block.BlockSeriesSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The buffered series of one block-duration range, in label order, as the source of a
 * {@link io.strata.tsdb.block.BlockWriter}. Each series contributes the slice of its normalized
 * {@link SeriesBuffer} that falls into the range, encoded into block chunks the way a head cut
 * encodes them ({@link ChunkAppender#finish}).
 */
final class RangeSlices implements BlockSeriesSource {
    private record Slice(Labels labels, SeriesBuffer buffer, int from, int to) {}

    private final List<Slice> slices = new ArrayList<>();
    private final ChunkAppender appender = new ChunkAppender();
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final List<byte[]> chunks = new ArrayList<>();
    private int index = -1;

    /** Adds a series; calls must come in ascending label order, each with at least one sample. */
    void add(Labels labels, SeriesBuffer buffer, int from, int to) {
        slices.add(new Slice(labels, buffer, from, to));
    }

    @Override
    public boolean next() {
        if (++index >= slices.size()) {
            return false;
        }
        Slice s = slices.get(index);
        chunks.clear();
        appender.reset();
        long[] ts = s.buffer.timestamps();
        double[] vs = s.buffer.values();
        for (int i = s.from; i < s.to; i++) {
            if (!appender.append(ts[i], vs[i])) {
                chunks.add(appender.finish(encoder));
                appender.reset();
                appender.append(ts[i], vs[i]);
            }
        }
        chunks.add(appender.finish(encoder));
        return true;
    }

    @Override
    public Labels labels() {
        return slices.get(index).labels;
    }

    @Override
    public int chunkCount() {
        return chunks.size();
    }

    @Override
    public byte[] chunk(int i) {
        return chunks.get(i);
    }
}
