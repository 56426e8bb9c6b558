package io.strata.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.tsdb.fs.OsStorageFiles;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadChunkFilesTest {
    private static final long SEGMENT_BYTES = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void releasingEveryChunkOfTheSegmentBeingWrittenDeletesItsFile() throws IOException {
        try (HeadChunkFiles chunks = new HeadChunkFiles(dir, OsStorageFiles.INSTANCE, SEGMENT_BYTES)) {
            long a = chunks.write(new byte[] {1, 2, 3}, 1_000);
            long b = chunks.write(new byte[] {4, 5}, 2_000);
            assertThat(segmentFiles()).isEqualTo(1);

            chunks.release(a);
            assertThat(segmentFiles()).as("one chunk still lives there").isEqualTo(1);
            chunks.release(b);
            assertThat(segmentFiles()).as("a flushed head keeps no dead segment").isZero();
            assertThat(chunks.fileBytes()).isZero();

            long c = chunks.write(new byte[] {6, 7, 8, 9}, 3_000);
            MemorySegment read = chunks.read(c);
            assertThat(read.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)).containsExactly(6, 7, 8, 9);
            assertThat(chunks.minTime(c)).isEqualTo(3_000);
            assertThat(segmentFiles()).isEqualTo(1);
        }
    }

    private long segmentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(HeadChunkFiles.DIR_NAME))) {
            return s.count();
        }
    }
}
