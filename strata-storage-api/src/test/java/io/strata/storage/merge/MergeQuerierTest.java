package io.strata.storage.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeQuerierTest {
    private static final Labels A = Labels.of("__name__", "up", "job", "a");
    private static final Labels B = Labels.of("__name__", "up", "job", "b");
    private static final Labels C = Labels.of("__name__", "up", "job", "c");
    private static final List<Matcher> UP = List.of(Matcher.metricName("up"));

    @Test
    void mergesSeriesByLabelsAndSamplesByTimestamp() {
        ListQuerier head = new ListQuerier(List.of())
                .add(B, new long[] {30, 40}, new double[] {3, 4})
                .add(C, new long[] {1}, new double[] {1});
        ListQuerier block = new ListQuerier(List.of())
                .add(A, new long[] {5}, new double[] {5})
                .add(B, new long[] {10, 30}, new double[] {1, 99});
        try (Querier q = MergeQuerier.of(List.of(head, block))) {
            SeriesSet set = q.select(false, SelectHints.range(0, 100), UP);
            List<String> seen = new ArrayList<>();
            SampleCursor reuse = null;
            while (set.next()) {
                StringBuilder sb = new StringBuilder(set.at().labels().get("job")).append(':');
                reuse = set.at().cursor(reuse);
                while (reuse.next() == SampleCursor.FLOAT) {
                    sb.append(reuse.timestamp()).append('=').append(reuse.value()).append(' ');
                }
                seen.add(sb.toString().trim());
            }
            assertThat(seen).containsExactly("a:5=5.0", "b:10=1.0 30=3.0 40=4.0", "c:1=1.0");
        }
        assertThat(head.closed).isTrue();
        assertThat(block.closed).isTrue();
    }

    @Test
    void concatenatesWarningsInInputOrder() {
        ListQuerier one = new ListQuerier(List.of("first")).add(A, new long[] {1}, new double[] {1});
        ListQuerier two = new ListQuerier(List.of("second")).add(B, new long[] {1}, new double[] {1});
        SeriesSet set = MergeQuerier.of(List.of(one, two)).select(true, SelectHints.range(0, 10), UP);
        while (set.next()) {
            set.at();
        }
        assertThat(set.warnings()).containsExactly("first", "second");
    }

    @Test
    void mergesLabelNamesAndValuesDistinctAndSorted() {
        ListQuerier one = new ListQuerier(List.of())
                .add(Labels.of("__name__", "up", "zone", "x"), new long[] {1}, new double[] {1})
                .add(B, new long[] {1}, new double[] {1});
        ListQuerier two = new ListQuerier(List.of())
                .add(A, new long[] {1}, new double[] {1})
                .add(B, new long[] {1}, new double[] {1});
        Querier q = MergeQuerier.of(List.of(one, two));
        assertThat(q.labelNames(0, List.of())).containsExactly("__name__", "job", "zone");
        assertThat(q.labelValues("job", 0, List.of())).containsExactly("a", "b");
        assertThat(q.labelValues("job", 1, List.of())).containsExactly("a");
    }

    @Test
    void closeClosesEveryInputEvenWhenOneFails() {
        ListQuerier ok = new ListQuerier(List.of());
        Querier failing = new ListQuerier(List.of()) {
            @Override
            public void close() {
                throw new IllegalStateException("boom");
            }
        };
        Querier q = MergeQuerier.of(List.of(failing, ok));
        assertThatThrownBy(q::close).hasMessage("boom");
        assertThat(ok.closed).isTrue();
    }

    @Test
    void sortedStringsMergeRespectsLimit() {
        assertThat(SortedStrings.mergeDistinct(List.of(List.of("a", "c"), List.of("b", "c", "d")), 3))
                .containsExactly("a", "b", "c");
        assertThat(SortedStrings.mergeDistinct(List.of(List.of("a", "c"), List.of()), 0))
                .containsExactly("a", "c");
    }
}
