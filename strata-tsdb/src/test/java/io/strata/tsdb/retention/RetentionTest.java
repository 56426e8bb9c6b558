package io.strata.tsdb.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.storage.Querier;
import io.strata.tsdb.block.Block;
import io.strata.tsdb.block.BlockMeta;
import io.strata.tsdb.block.BlockSet;
import io.strata.tsdb.block.TestBlocks;
import io.strata.tsdb.block.TestSeries;
import io.strata.tsdb.fs.OsStorageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    private static final long H2 = 7_200_000;

    @TempDir
    Path dir;

    private final List<String> ids = new ArrayList<>();
    private List<List<TestSeries>> parts;

    @BeforeEach
    void writeThreeBlocks() throws IOException {
        parts = TestBlocks.consecutive(new Random(9), 3, H2);
        for (int b = 0; b < 3; b++) {
            BlockMeta meta = TestBlocks.write(dir, b * H2, (b + 1) * H2, parts.get(b), OsStorageFiles.INSTANCE);
            ids.add(meta.id());
        }
    }

    @Test
    void deletesBlocksWhollyOlderThanTheRetention() throws IOException {
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE)) {
            // now = 6h + 30m; keep 4h: cutoff 2h30m, so only [0, 2h) is wholly older.
            Retention retention = new Retention(clock(3 * H2 + H2 / 4), RetentionPolicy.byTime(2 * H2));
            assertThat(retention.apply(set, 0)).extracting(b -> b.meta().id()).containsExactly(ids.get(0));
            assertThat(set.blocks()).extracting(b -> b.meta().id()).containsExactly(ids.get(1), ids.get(2));
            assertThat(dir.resolve(ids.get(0))).doesNotExist();
            // At exactly maxTime == cutoff the block is wholly older too.
            Retention exact = new Retention(clock(4 * H2), RetentionPolicy.byTime(2 * H2));
            assertThat(exact.apply(set, 0)).extracting(b -> b.meta().id()).containsExactly(ids.get(1));
            try (Querier q = set.querier(0, 3 * H2)) {
                assertThat(TestBlocks.selectAll(q)).isEqualTo(TestBlocks.concat(List.of(parts.get(2))));
            }
        }
    }

    @Test
    void deletesTheOldestBlocksUntilTheRestFits() throws IOException {
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE)) {
            List<Block> blocks = set.blocks();
            long newestTwo = blocks.get(1).sizeBytes() + blocks.get(2).sizeBytes();
            Retention retention = new Retention(clock(0), RetentionPolicy.bySize(newestTwo));
            assertThat(retention.select(blocks, 0, 0)).extracting(b -> b.meta().id()).containsExactly(ids.get(0));
            assertThat(retention.select(blocks, 0, 1)).as("other bytes count against the limit")
                    .extracting(b -> b.meta().id())
                    .containsExactly(ids.get(0), ids.get(1));
            Querier held = set.querier(0, 3 * H2);
            retention.apply(set, 0);
            assertThat(set.blocks()).hasSize(2);
            assertThat(set.sizeBytes()).isEqualTo(newestTwo);
            assertThat(dir.resolve(ids.get(0))).as("kept while a querier reads it").exists();
            assertThat(TestBlocks.selectAll(held)).isEqualTo(TestBlocks.concat(parts));
            held.close();
            assertThat(dir.resolve(ids.get(0))).doesNotExist();
        }
    }

    @Test
    void zeroMeansNoLimit() throws IOException {
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE)) {
            Retention retention = new Retention(clock(Long.MAX_VALUE / 2), new RetentionPolicy(0, 0));
            assertThat(retention.apply(set, Long.MAX_VALUE / 4)).isEmpty();
            assertThat(set.blocks()).hasSize(3);
        }
    }

    private static InstantSource clock(long millis) {
        return InstantSource.fixed(Instant.ofEpochMilli(millis));
    }
}
