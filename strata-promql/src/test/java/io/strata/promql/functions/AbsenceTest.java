package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.ast.VectorSelector;
import io.strata.promql.engine.FunctionTestKit;
import io.strata.promql.engine.FunctionTestKit.RawSeries;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AbsenceTest {
    private static Labels labelsOf(Matcher... matchers) {
        return Absence.labelsFor(new VectorSelector("x", List.of(matchers), 0, null, AtModifier.NONE, false, false,
                PositionRange.NONE));
    }

    @Test
    void labelsComeFromEqualityMatchersOnly() {
        assertThat(labelsOf(Matcher.metricName("nonexistent"), Matcher.equal("job", "testjob"),
                Matcher.equal("instance", "testinstance"), Matcher.regex("method", ".x")))
                .isEqualTo(Labels.of("instance", "testinstance", "job", "testjob"));
    }

    @Test
    void aLabelMatchedTwiceOrByRegexIsLeftOut() {
        assertThat(labelsOf(Matcher.equal("job", "testjob"), Matcher.equal("job", "testjob2"),
                Matcher.equal("foo", "bar"))).isEqualTo(Labels.of("foo", "bar"));
        assertThat(labelsOf(Matcher.equal("job", "a"), Matcher.equal("job", "b"), Matcher.equal("job", "c"),
                Matcher.equal("foo", "bar"))).isEqualTo(Labels.of("foo", "bar"));
        assertThat(labelsOf(Matcher.equal("job", "testjob"), Matcher.regex("job", "testjob2"),
                Matcher.equal("foo", "bar"))).isEqualTo(Labels.of("foo", "bar"));
    }

    @Test
    void absentIsOneOnlyAtStepsWithoutAnySeries() {
        FunctionTestKit kit = FunctionTestKit.range(0, 20_000, 10_000);
        kit.vector(List.of(Matcher.equal("job", "a")), 7, kit.series(Labels.of("job", "a"), 1.0, null, null));
        StepVector out = (StepVector) kit.call("absent", StandardFunctions.table().get("absent"));
        StepSeries s = out.series().getFirst();
        assertThat(s.labels()).isEqualTo(Labels.of("job", "a"));
        assertThat(s.has(0)).isFalse();
        assertThat(s.value(1)).isEqualTo(1);
        assertThat(s.value(2)).isEqualTo(1);
    }

    @Test
    void absentOfAPresentVectorIsEmpty() {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(Labels.of("job", "a"), 1.0));
        assertThat(((StepVector) kit.call("absent", StandardFunctions.table().get("absent"))).series()).isEmpty();
    }

    @Test
    void absentOverTimeLooksAtWholeWindows() {
        FunctionTestKit kit = FunctionTestKit.range(60_000, 180_000, 60_000).matrix(
                List.of(Matcher.equal("instance", "127.0.0.1")), 30_000, 0,
                RawSeries.of(Labels.of("instance", "127.0.0.1"), new long[] {50_000, 170_000}, new double[] {1, 1}));
        StepVector out = (StepVector) kit.call("absent_over_time", StandardFunctions.table().get("absent_over_time"));
        StepSeries s = out.series().getFirst();
        assertThat(s.labels()).isEqualTo(Labels.of("instance", "127.0.0.1"));
        assertThat(s.has(0)).isFalse();
        assertThat(s.value(1)).isEqualTo(1);
        assertThat(s.has(2)).isFalse();
    }
}
