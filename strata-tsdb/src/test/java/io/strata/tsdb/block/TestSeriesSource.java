package io.strata.tsdb.block;

import io.strata.encoding.chunk.ChunkAppender;
import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.List;

/** Feeds sorted {@link TestSeries} to a {@link BlockWriter}, cutting chunks of at most {@code maxSamples}. */
public final class TestSeriesSource implements BlockSeriesSource {
    private final List<TestSeries> series;
    private final int maxSamples;
    private final List<byte[]> chunks = new ArrayList<>();
    private int index = -1;

    public TestSeriesSource(List<TestSeries> sortedSeries, int maxSamples) {
        this.series = sortedSeries;
        this.maxSamples = maxSamples;
    }

    @Override
    public boolean next() {
        if (++index >= series.size()) {
            return false;
        }
        chunks.clear();
        TestSeries s = series.get(index);
        ChunkAppender appender = new ChunkAppender(maxSamples, ChunkAppender.DEFAULT_MAX_BYTES);
        for (int i = 0; i < s.size(); i++) {
            if (!appender.append(s.timestamps()[i], s.values()[i])) {
                chunks.add(appender.finish());
                appender.reset();
                appender.append(s.timestamps()[i], s.values()[i]);
            }
        }
        if (appender.numSamples() > 0) {
            chunks.add(appender.finish());
        }
        return true;
    }

    @Override
    public Labels labels() {
        return series.get(index).labels();
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
