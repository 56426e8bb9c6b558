package io.strata.tsdb.head;

import static io.strata.tsdb.head.HeadTestSupport.NOW;
import static io.strata.tsdb.head.HeadTestSupport.head;
import static io.strata.tsdb.head.HeadTestSupport.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadQuerierTest {
    @TempDir
    Path dir;

    private static void fill(Head head) {
        HeadAppender app = head.appender();
        for (String job : List.of("c", "a", "b")) {
            for (int i = 0; i < 300; i++) {
                app.append(0, series("up", "job", job), NOW - 300_000 + i * 1000L, i);
            }
        }
        app.append(0, series("down", "job", "a", "zone", "eu"), NOW, 1);
        app.commit();
    }

    @Test
    void selectReturnsSortedSeriesRestrictedToTheRange() throws Exception {
        try (Head head = head(dir)) {
            fill(head);
            try (Querier q = head.querier(NOW - 200_000, NOW - 100_000)) {
                SeriesSet set = q.select(true, SelectHints.range(NOW - 200_000, NOW - 100_000),
                        List.of(Matcher.metricName("up")));
                List<String> jobs = new ArrayList<>();
                while (set.next()) {
                    jobs.add(set.at().labels().get("job"));
                    SampleCursor c = set.at().cursor(null);
                    int n = 0;
                    while (c.next() == SampleCursor.FLOAT) {
                        assertThat(c.timestamp()).isBetween(NOW - 200_000, NOW - 100_000);
                        n++;
                    }
                    assertThat(n).isEqualTo(101);
                    assertThat(c.seek(NOW - 150_000)).isEqualTo(SampleCursor.NONE);
                }
                assertThat(jobs).containsExactly("a", "b", "c");
            }
        }
    }

    @Test
    void seriesWithoutSamplesInRangeAreNotSelected() throws Exception {
        try (Head head = head(dir)) {
            fill(head);
            try (Querier q = head.querier(NOW - 1000, NOW)) {
                SeriesSet set = q.select(true, SelectHints.range(NOW - 1000, NOW), List.of(Matcher.equal("job", "a")));
                List<Labels> found = new ArrayList<>();
                while (set.next()) {
                    found.add(set.at().labels());
                }
                assertThat(found).containsExactly(series("down", "job", "a", "zone", "eu"), series("up", "job", "a"));
            }
            try (Querier q = head.querier(NOW + 1, NOW + 1000)) {
                assertThat(q.select(false, SelectHints.range(NOW + 1, NOW + 1000), List.of(Matcher.equal("job", "a"))).next())
                        .isFalse();
            }
        }
    }

    @Test
    void seekFindsSamplesAcrossChunks() throws Exception {
        try (Head head = head(dir)) {
            fill(head);
            try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                SeriesSet set = q.select(false, SelectHints.range(Long.MIN_VALUE, Long.MAX_VALUE),
                        List.of(Matcher.metricName("up"), Matcher.equal("job", "b")));
                assertThat(set.next()).isTrue();
                SampleCursor c = set.at().cursor(null);
                // 300 samples: two closed chunks of 120 and an open one.
                assertThat(c.seek(NOW - 300_000 + 250_000)).isEqualTo(SampleCursor.FLOAT);
                assertThat(c.value()).isEqualTo(250.0);
                assertThat(c.seek(NOW - 300_000 + 130_500)).isEqualTo(SampleCursor.FLOAT);
                assertThat(c.value()).as("seek never moves backwards").isEqualTo(250.0);
                assertThat(c.next()).isEqualTo(SampleCursor.FLOAT);
                assertThat(c.value()).isEqualTo(251.0);
            }
        }
    }

    @Test
    void labelApisUseTheWholeHeadOrTheMatchedSeries() throws Exception {
        try (Head head = head(dir)) {
            fill(head);
            try (Querier q = head.querier(NOW, NOW)) {
                assertThat(q.labelNames(0, List.of())).containsExactly("__name__", "job", "zone");
                assertThat(q.labelNames(0, List.of(Matcher.metricName("up")))).containsExactly("__name__", "job");
                assertThat(q.labelValues("job", 0, List.of())).containsExactly("a", "b", "c");
                assertThat(q.labelValues("job", 2, List.of())).containsExactly("a", "b");
                assertThat(q.labelValues("job", 0, List.of(Matcher.equal("zone", "eu")))).containsExactly("a");
                assertThat(q.labelValues("nope", 0, List.of())).isEmpty();
            }
        }
    }

    @Test
    void selectNeedsAMatcherThatDoesNotMatchEmpty() throws Exception {
        try (Head head = head(dir); Querier q = head.querier(0, NOW)) {
            assertThatThrownBy(() -> q.select(false, SelectHints.range(0, NOW), List.of(Matcher.regex("job", ".*"))))
                    .isInstanceOf(StrataException.class);
        }
    }

    @Test
    void foreignRefsFallBackToTheLabels() throws Exception {
        try (Head head = head(dir); Head other = head(dir.resolve("other"))) {
            HeadAppender a = other.appender();
            a.append(0, series("x"), NOW, 1);
            long foreign = a.lastRef();
            a.commit();
            HeadAppender b = head.appender();
            b.append(0, series("y"), NOW, 1);
            b.append(foreign, series("z"), NOW, 2);
            b.commit();
            try (Querier q = head.querier(NOW, NOW)) {
                assertThat(q.labelValues("__name__", 0, List.of())).containsExactly("y", "z");
            }
        }
    }
}
