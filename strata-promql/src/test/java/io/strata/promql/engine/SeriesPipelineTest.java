package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.storage.SampleCursor;
import io.strata.storage.Series;
import io.strata.storage.SeriesSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parallel series decoder hands results back in series order and fails like a serial loop. */
class SeriesPipelineTest {
    /** {@code n} series labelled i=0..n-1 whose cursors are empty. */
    private static SeriesSet series(int n) {
        return new SeriesSet() {
            private int i = -1;

            @Override
            public boolean next() {
                return ++i < n;
            }

            @Override
            public Series at() {
                Labels labels = Labels.of("i", Integer.toString(i));
                return new Series() {
                    @Override
                    public Labels labels() {
                        return labels;
                    }

                    @Override
                    public SampleCursor cursor(SampleCursor reuse) {
                        return SampleCursor.EMPTY;
                    }
                };
            }
        };
    }

    @Test
    void resultsComeBackInSeriesOrderAcrossManyBatches() {
        List<Integer> seen = new ArrayList<>();
        AtomicInteger counted = new AtomicInteger();
        SeriesPipeline.run(series(1000), counted::incrementAndGet,
                (labels, cursor) -> {
                    int i = Integer.parseInt(labels.get("i"));
                    return i % 7 == 3 ? null : i; // some series contribute nothing
                },
                seen::add);
        assertThat(counted).hasValue(1000);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            if (i % 7 != 3) {
                expected.add(i);
            }
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void aDecoderFailureReachesTheCallerAsItself() {
        assertThatThrownBy(() -> SeriesPipeline.run(series(500), () -> { },
                (labels, cursor) -> {
                    if (labels.get("i").equals("300")) {
                        throw new StrataException(ErrorCode.EXECUTION, "decoder failed on 300");
                    }
                    return 1;
                },
                r -> { }))
                .isInstanceOf(StrataException.class)
                .hasMessage("decoder failed on 300");
    }

    @Test
    void aCheckFailingOnTheCallingThreadStopsTheWalk() {
        AtomicInteger counted = new AtomicInteger();
        assertThatThrownBy(() -> SeriesPipeline.run(series(10_000), () -> {
                    if (counted.incrementAndGet() == 2000) {
                        throw new StrataException(ErrorCode.CANCELED, "query was canceled");
                    }
                },
                (labels, cursor) -> 1, r -> { }))
                .hasMessage("query was canceled");
        assertThat(counted).hasValue(2000);
    }
}
