package io.strata.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.storage.Querier;
import io.strata.tsdb.fs.OsStorageFiles;
import io.strata.tsdb.index.CorruptFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged block files give {@link CorruptFileException} naming the file, never a crash or wrong samples. */
class BlockCorruptionTest {
    private static final long MIN = 0;
    private static final long MAX = 7_200_000;
    private static final List<Matcher> ALL = List.of(Matcher.regex("__name__", ".+"));

    @TempDir
    Path dir;

    private Path blockDir;
    private List<TestSeries> expected;

    @BeforeEach
    void writeBlock() throws IOException {
        List<TestSeries> series = TestData.randomSeries(new Random(42), 40, MIN, MAX);
        BlockMeta meta = BlockWriter.write(dir, MIN, MAX, new TestSeriesSource(series, 100), OsStorageFiles.INSTANCE);
        blockDir = dir.resolve(meta.id());
        try (Block block = Block.open(blockDir, OsStorageFiles.INSTANCE)) {
            block.addTombstones(List.of(Matcher.equal("job", "node")), 1_000_000, 2_000_000);
            try (Querier q = block.querier(MIN, MAX)) {
                expected = TestData.select(q, ALL);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {BlockFiles.INDEX, BlockFiles.CHUNKS, BlockFiles.META, BlockFiles.TOMBSTONES})
    void flippedBitIsDetectedAtOpenOrVerify(String name) throws IOException {
        Path file = blockDir.resolve(name);
        byte[] pristine = Files.readAllBytes(file);
        Random random = new Random(name.hashCode());
        for (int round = 0; round < 120; round++) {
            byte[] damaged = pristine.clone();
            int pos = round < 8 ? round : random.nextInt(damaged.length);
            damaged[pos] ^= (byte) (1 << random.nextInt(8));
            Files.write(file, damaged);
            checkDetected(file, pos);
        }
        Files.write(file, pristine);
        try (Block block = Block.open(blockDir, OsStorageFiles.INSTANCE)) {
            block.verify();
        }
    }

    private void checkDetected(Path file, int pos) throws IOException {
        Block block;
        try {
            block = Block.open(blockDir, OsStorageFiles.INSTANCE);
        } catch (CorruptFileException e) {
            assertThat(e.file()).isEqualTo(file);
            return;
        }
        try (block) {
            // Queries either fail with a storage error or return exactly the original samples.
            try (Querier q = block.querier(MIN, MAX)) {
                assertThat(TestData.select(q, ALL)).as("data after a flip at %d of %s", pos, file).isEqualTo(expected);
            } catch (StrataException e) {
                assertThat(e).isInstanceOf(CorruptFileException.class);
            }
            try {
                block.verify();
                fail("a flipped bit at offset " + pos + " of " + file + " went unnoticed");
            } catch (CorruptFileException e) {
                assertThat(e.file()).isEqualTo(file);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {BlockFiles.INDEX, BlockFiles.CHUNKS, BlockFiles.META, BlockFiles.TOMBSTONES})
    void truncatedFileIsRefusedAtOpen(String name) throws IOException {
        Path file = blockDir.resolve(name);
        byte[] pristine = Files.readAllBytes(file);
        for (int cut : new int[] {1, 3, pristine.length / 2, pristine.length}) {
            Files.write(file, java.util.Arrays.copyOf(pristine, pristine.length - cut));
            assertThatThrownBy(() -> Block.open(blockDir, OsStorageFiles.INSTANCE))
                    .isInstanceOf(CorruptFileException.class)
                    .hasMessageContaining(name);
        }
    }

    @Test
    void missingIndexIsReportedAsCorruption() throws IOException {
        Files.delete(blockDir.resolve(BlockFiles.INDEX));
        assertThatThrownBy(() -> Block.open(blockDir, OsStorageFiles.INSTANCE))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void unknownIndexVersionNamesBothVersions() throws IOException {
        Path file = blockDir.resolve(BlockFiles.INDEX);
        byte[] bytes = Files.readAllBytes(file);
        bytes[4] = 9;
        Files.write(file, bytes);
        assertThatThrownBy(() -> Block.open(blockDir, OsStorageFiles.INSTANCE))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("version 9")
                .hasMessageContaining("reads version 1");
    }
}
