package io.strata.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WalReplaySortTest {
    @Test
    void groupsSamplesBySeriesKeepingEachSeriesInLogOrder() {
        Random random = new Random(42);
        WalReplay.Batch batch = new WalReplay.Batch();
        Map<Long, List<Long>> logOrder = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            long ref = 1 + random.nextInt(300);
            long ts = random.nextLong(1_000_000); // deliberately not sorted: order must come from the log
            batch.refs[i] = ref;
            batch.timestamps[i] = ts;
            batch.values[i] = ts * 0.5;
            logOrder.computeIfAbsent(ref, r -> new ArrayList<>()).add(ts);
        }
        batch.size = 10_000;

        WalReplay.Batch sorted = WalReplay.sortBySeries(batch, new long[batch.refs.length], new WalReplay.Batch());

        assertThat(sorted).isNotSameAs(batch);
        assertThat(sorted.size).isEqualTo(10_000);
        Map<Long, List<Long>> seen = new LinkedHashMap<>();
        for (int k = 0; k < sorted.size; k++) {
            if (k > 0) {
                assertThat(sorted.refs[k]).isGreaterThanOrEqualTo(sorted.refs[k - 1]);
            }
            assertThat(sorted.values[k]).isEqualTo(sorted.timestamps[k] * 0.5);
            seen.computeIfAbsent(sorted.refs[k], r -> new ArrayList<>()).add(sorted.timestamps[k]);
        }
        assertThat(seen).isEqualTo(logOrder);
    }

    @Test
    void keepsLogOrderWhenARefIsTooLargeForTheSortKey() {
        WalReplay.Batch batch = new WalReplay.Batch();
        batch.refs[0] = 5;
        batch.refs[1] = Long.MAX_VALUE;
        batch.size = 2;

        assertThat(WalReplay.sortBySeries(batch, new long[2], new WalReplay.Batch())).isSameAs(batch);
    }
}
