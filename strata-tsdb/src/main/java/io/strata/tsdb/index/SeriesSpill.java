package io.strata.tsdb.index;

import io.strata.model.Labels;
import io.strata.tsdb.fs.StorageFiles;
import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A temporary file of series (labels and chunk metadata) written while a block's chunks are
 * written, and read back once all symbols are known so the index can refer to them by id. Keeping
 * them on disk instead of on the heap bounds the writer's memory to symbols and postings
 * (Prometheus writes its index in two passes for the same reason).
 */
public final class SeriesSpill {
    private SeriesSpill() {}

    /** Appends series records. */
    public static final class Writer implements Closeable {
        private final ChecksummedWriter out;
        private int series;

        public Writer(StorageFiles files, Path path) throws IOException {
            this.out = ChecksummedWriter.create(files, path);
        }

        /** Starts a series; exactly {@code chunkCount} {@link #chunk} calls follow. */
        public void beginSeries(Labels labels, long firstChunkOffset, int chunkCount) throws IOException {
            byte[] packed = labels.packedBytes();
            out.writeVarint(packed.length);
            out.writeBytes(packed);
            out.writeVarlong(firstChunkOffset);
            out.writeVarint(chunkCount);
            series++;
        }

        /** Chunk metadata; {@code length} is the chunk's size in the chunks file. */
        public void chunk(long minTime, long maxTime, int length) throws IOException {
            out.writeSignedVarlong(minTime);
            out.writeSignedVarlong(maxTime);
            out.writeVarint(length);
        }

        public int seriesCount() {
            return series;
        }

        public Path path() {
            return out.path();
        }

        public void finish() throws IOException {
            out.finish();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Reads the records back in order, one series at a time; arrays are reused between series. */
    public static final class Reader implements Closeable {
        private final Arena arena = Arena.ofConfined();
        private final SegmentReader in;
        private byte[] labels;
        private long firstChunkOffset;
        private int chunkCount;
        private long[] minTimes = new long[16];
        private long[] maxTimes = new long[16];
        private int[] lengths = new int[16];

        public Reader(StorageFiles files, Path path) throws IOException {
            try {
                MemorySegment segment = files.mapReadOnly(path, files.size(path), arena);
                Checksums.verifyFooter(segment, path);
                this.in = new SegmentReader(segment, path, 0, segment.byteSize() - IndexFormatV1.FOOTER_BYTES);
            } catch (IOException | RuntimeException e) {
                arena.close();
                throw e;
            }
        }

        public boolean next() {
            if (!in.hasRemaining()) {
                return false;
            }
            labels = in.readBytes(in.readVarint());
            firstChunkOffset = in.readVarlong();
            chunkCount = in.readVarint();
            if (minTimes.length < chunkCount) {
                minTimes = Arrays.copyOf(minTimes, chunkCount);
                maxTimes = Arrays.copyOf(maxTimes, chunkCount);
                lengths = Arrays.copyOf(lengths, chunkCount);
            }
            for (int i = 0; i < chunkCount; i++) {
                minTimes[i] = in.readSignedVarlong();
                maxTimes[i] = in.readSignedVarlong();
                lengths[i] = in.readVarint();
            }
            return true;
        }

        public Labels labels() {
            return Labels.wrapPackedUnchecked(labels);
        }

        public long firstChunkOffset() {
            return firstChunkOffset;
        }

        public int chunkCount() {
            return chunkCount;
        }

        public long minTime(int i) {
            return minTimes[i];
        }

        public long maxTime(int i) {
            return maxTimes[i];
        }

        public int length(int i) {
            return lengths[i];
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}
