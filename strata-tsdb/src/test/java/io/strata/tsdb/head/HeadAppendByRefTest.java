package io.strata.tsdb.head;

import static io.strata.tsdb.head.HeadTestSupport.HOUR;
import static io.strata.tsdb.head.HeadTestSupport.NOW;
import static io.strata.tsdb.head.HeadTestSupport.head;
import static io.strata.tsdb.head.HeadTestSupport.read;
import static io.strata.tsdb.head.HeadTestSupport.series;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.AppendStatus;
import io.strata.storage.Querier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadAppendByRefTest {
    private static final Labels UP = series("up", "job", "a");
    private static final Labels DOWN = series("down", "job", "a");

    @TempDir
    Path dir;

    private static long refOf(Head head, Labels labels, long t) {
        HeadAppender app = head.appender();
        assertThat(app.append(0, labels, t, 0)).isEqualTo(AppendStatus.OK);
        long ref = app.lastRef();
        app.commit();
        return ref;
    }

    @Test
    void appendsToTheSeriesTheRefNames() throws Exception {
        try (Head head = head(dir)) {
            long up = refOf(head, UP, NOW - 3000);
            long down = refOf(head, DOWN, NOW - 3000);
            HeadAppender app = head.appender();
            assertThat(app.appendByRef(up, NOW - 2000, 1)).isEqualTo(AppendStatus.OK);
            assertThat(app.lastRef()).isEqualTo(up);
            assertThat(app.appendByRef(down, NOW - 2000, 5)).isEqualTo(AppendStatus.OK);
            assertThat(app.appendByRef(up, NOW - 1000, 2)).isEqualTo(AppendStatus.OK);
            app.commit();
            try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(read(q, Matcher.metricName("up"))).isEqualTo(Map.of(UP,
                        List.of((NOW - 3000) + "=0.0", (NOW - 2000) + "=1.0", (NOW - 1000) + "=2.0")));
                assertThat(read(q, Matcher.metricName("down"))).isEqualTo(Map.of(DOWN,
                        List.of((NOW - 3000) + "=0.0", (NOW - 2000) + "=5.0")));
            }
        }
    }

    @Test
    void judgesSamplesLikeAppendWithLabels() throws Exception {
        try (Head head = head(dir)) {
            long up = refOf(head, UP, NOW);
            HeadAppender app = head.appender();
            assertThat(app.appendByRef(up, NOW, 1)).isEqualTo(AppendStatus.DUPLICATE);
            assertThat(app.appendByRef(up, NOW - 20 * 60_000, 1)).isEqualTo(AppendStatus.OUT_OF_ORDER);
            assertThat(app.appendByRef(up, NOW - 16 * 24 * HOUR, 1)).isEqualTo(AppendStatus.TOO_OLD);
            assertThat(app.appendByRef(up, NOW + 11 * 60_000, 1)).isEqualTo(AppendStatus.TOO_FAR_IN_FUTURE);
            assertThat(app.appendByRef(up, NOW, 0)).isEqualTo(AppendStatus.OK);
            app.commit();
            assertThat(head.metrics().rejected(AppendStatus.OUT_OF_ORDER)).isEqualTo(1);
        }
    }

    @Test
    void unknownForZeroForeignAndNeverIssuedRefs() throws Exception {
        try (Head head = head(dir); Head other = new Head(HeadTestSupport.options(dir.resolve("other")), HeadLog.NONE)) {
            long up = refOf(head, UP, NOW);
            long foreign = refOf(other, UP, NOW);
            HeadAppender app = head.appender();
            assertThat(app.appendByRef(0, NOW + 1, 1)).isEqualTo(AppendStatus.UNKNOWN_SERIES);
            assertThat(app.appendByRef(foreign, NOW + 1, 1)).isEqualTo(AppendStatus.UNKNOWN_SERIES);
            assertThat(app.appendByRef(up + 1, NOW + 1, 1)).isEqualTo(AppendStatus.UNKNOWN_SERIES);
            assertThat(app.appendByRef(up & 0xFFFF_FFFFL, NOW + 1, 1)).isEqualTo(AppendStatus.UNKNOWN_SERIES);
            app.commit();
            assertThat(head.metrics().samplesAppended()).isEqualTo(1);
        }
    }

    @Test
    void refOfRemovedSeriesIsUnknownAndLabelsCreateItAnew() throws Exception {
        try (Head head = head(dir)) {
            HeadAppender first = head.appender();
            first.append(0, UP, NOW, 1);
            long ref = first.lastRef();
            first.rollback(); // the series exists but holds nothing: a cleanup removes it
            assertThat(head.removeIdleSeries(Long.MAX_VALUE)).isEqualTo(1);

            HeadAppender app = head.appender();
            assertThat(app.appendByRef(ref, NOW, 1)).isEqualTo(AppendStatus.UNKNOWN_SERIES);
            assertThat(app.append(0, UP, NOW, 1)).isEqualTo(AppendStatus.OK);
            assertThat(app.lastRef()).isNotEqualTo(ref);
            long renewed = app.lastRef();
            app.commit();
            HeadAppender next = head.appender();
            assertThat(next.appendByRef(renewed, NOW + 1, 2)).isEqualTo(AppendStatus.OK);
            next.commit();
            assertThat(head.metrics().samplesAppended()).isEqualTo(2);
        }
    }

    @Test
    void refFromBeforeARestartIsUnknown() throws Exception {
        long ref;
        try (Head head = head(dir)) {
            ref = refOf(head, UP, NOW);
        }
        try (Head restarted = head(dir.resolve("restarted"))) {
            refOf(restarted, UP, NOW - 1000); // same series, same id, another process's tag
            HeadAppender app = restarted.appender();
            assertThat(app.appendByRef(ref, NOW, 1)).isEqualTo(AppendStatus.UNKNOWN_SERIES);
            app.rollback();
        }
    }

    @Test
    void seriesPinnedByRefSurvivesACleanupUntilCommit() throws Exception {
        try (Head head = head(dir)) {
            HeadAppender first = head.appender();
            first.append(0, UP, NOW, 1);
            long ref = first.lastRef();
            first.rollback();
            HeadAppender app = head.appender();
            assertThat(app.appendByRef(ref, NOW, 1)).isEqualTo(AppendStatus.OK);
            assertThat(head.removeIdleSeries(Long.MAX_VALUE)).isZero();
            app.commit();
            try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(read(q, Matcher.metricName("up"))).isEqualTo(Map.of(UP, List.of(NOW + "=1.0")));
            }
        }
    }
}
