package io.strata.tsdb.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.tsdb.block.BlockMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactionPlannerTest {
    private static final long H = 3_600_000;
    private static final CompactionPlanner PLANNER = new CompactionPlanner(List.of(2 * H, 6 * H, 18 * H));

    @Test
    void mergesBlocksThatFillTheNextRange() {
        List<BlockMeta> blocks = List.of(meta("a", 0, 2), meta("b", 2, 4), meta("c", 4, 6), meta("d", 6, 8));
        assertThat(ids(PLANNER.plan(blocks, m -> 0))).containsExactly("a", "b", "c");
    }

    @Test
    void waitsWhileTheNewestBlockMayStillBeJoined() {
        List<BlockMeta> blocks = List.of(meta("a", 0, 2), meta("b", 2, 4));
        assertThat(PLANNER.plan(blocks, m -> 0)).isEmpty();
    }

    @Test
    void mergesAnIncompleteRangeOnceNewerBlocksExist() {
        List<BlockMeta> blocks = List.of(meta("a", 0, 2), meta("b", 2, 4), meta("c", 6, 8));
        assertThat(ids(PLANNER.plan(blocks, m -> 0))).containsExactly("a", "b");
    }

    @Test
    void climbsToLargerRanges() {
        List<BlockMeta> blocks = List.of(meta("a", 0, 6), meta("b", 6, 12), meta("c", 12, 18), meta("d", 18, 20));
        assertThat(ids(PLANNER.plan(blocks, m -> 0))).containsExactly("a", "b", "c");
    }

    @Test
    void overlappingBlocksComeFirst() {
        List<BlockMeta> blocks = List.of(meta("a", 0, 2), meta("b", 2, 4), meta("c", 4, 6), meta("old", 1, 3));
        assertThat(ids(PLANNER.plan(blocks, m -> 0))).containsExactly("a", "old", "b");
    }

    @Test
    void rewritesABlockWithManyDeletesAlone() {
        List<BlockMeta> blocks = List.of(meta("a", 0, 6), meta("b", 6, 8));
        Map<String, Integer> deleted = Map.of("a", 6, "b", 1);
        assertThat(ids(PLANNER.plan(blocks, m -> deleted.get(m.id())))).containsExactly("a");
        assertThat(PLANNER.plan(blocks, m -> m.id().equals("a") ? 5 : 0)).as("5% is not more than 5%").isEmpty();
    }

    @Test
    void rangesMustGrowByWholeMultiples() {
        assertThatThrownBy(() -> new CompactionPlanner(List.of(2 * H, 5 * H)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole multiples");
        assertThat(CompactionPlanner.exponentialRanges(2 * H, 24 * H)).containsExactly(2 * H, 6 * H, 18 * H);
        assertThat(CompactionPlanner.defaultRanges(15 * 24 * H)).containsExactly(2 * H, 6 * H, 18 * H);
    }

    private static BlockMeta meta(String id, long fromHour, long toHour) {
        return new BlockMeta(id, fromHour * H, toHour * H, 100, 100, 1000, 1, List.of(id), List.of(), 0, 0);
    }

    private static List<String> ids(List<BlockMeta> metas) {
        List<String> out = new ArrayList<>();
        metas.forEach(m -> out.add(m.id()));
        return out;
    }
}
