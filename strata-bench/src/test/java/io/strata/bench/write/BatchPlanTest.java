package io.strata.bench.write;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
    @Property(tries = 300)
    void coversEveryCellOnceInTimeOrderWithinTheBatchSize(
            @ForAll @IntRange(min = 0, max = 40) int firstSeries,
            @ForAll @IntRange(min = 1, max = 60) int series,
            @ForAll @LongRange(min = 1, max = 50) long steps,
            @ForAll @IntRange(min = 1, max = 200) int batchSamples) {
        BatchPlan plan = new BatchPlan(firstSeries, series, steps, batchSamples);
        int[][] seen = new int[series][(int) steps];
        long[] lastStep = new long[series];
        java.util.Arrays.fill(lastStep, -1);
        for (long r = 0; r < plan.requests(); r++) {
            BatchPlan.Batch b = plan.batch(r);
            assertThat(b.samples()).isPositive().isLessThanOrEqualTo(Math.max(batchSamples, 1));
            for (int s = b.seriesFrom(); s < b.seriesTo(); s++) {
                assertThat(b.stepFrom()).as("series %d goes back in time", s).isGreaterThan(lastStep[s - firstSeries]);
                lastStep[s - firstSeries] = b.stepTo() - 1;
                for (long t = b.stepFrom(); t < b.stepTo(); t++) {
                    seen[s - firstSeries][(int) t]++;
                }
            }
        }
        for (int[] row : seen) {
            assertThat(row).containsOnly(1);
        }
    }

    @Test
    void bigShardsSendOneTimestampPerRequestAcrossSeries() {
        BatchPlan plan = new BatchPlan(0, 25_000, 360, 10_000);
        assertThat(plan.stepsPerRequest()).isEqualTo(1);
        assertThat(plan.requests()).isEqualTo(3 * 360);
        assertThat(plan.batch(2)).isEqualTo(new BatchPlan.Batch(20_000, 25_000, 0, 1));
        assertThat(plan.batch(3)).isEqualTo(new BatchPlan.Batch(0, 10_000, 1, 2));
    }

    @Test
    void smallShardsSendSeveralTimestampsPerRequest() {
        BatchPlan plan = new BatchPlan(100, 300, 30, 10_000);
        assertThat(plan.stepsPerRequest()).isEqualTo(30);
        assertThat(plan.requests()).isEqualTo(1);
        assertThat(plan.batch(0).samples()).isEqualTo(9_000);
    }
}
