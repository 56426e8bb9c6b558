package io.strata.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AnswerAgreementTest {
    private static final AnswerAgreement.Shape NONE = new AnswerAgreement.Shape(Set.of(), Set.of());

    @Test
    void targetsWithTheSameSeriesAndPointsAgree() {
        assertThat(AnswerAgreement.check(shapes("prometheus", shape(8, 488), "victoriametrics", shape(8, 488), "strata", shape(8, 488)), true))
                .isEmpty();
    }

    @Test
    void aTargetWithFewerSeriesIsAMismatchNamingEveryCount() {
        assertThat(AnswerAgreement.check(shapes("prometheus", shape(8, 8), "strata", shape(7, 8)), true))
                .hasValue("targets return different numbers of series: prometheus=8 strata=7");
    }

    @Test
    void aTargetWithFewerPointsIsAMismatchEvenWithTheSameSeries() {
        assertThat(AnswerAgreement.check(shapes("prometheus", shape(8, 488), "strata", shape(8, 480)), true))
                .hasValue("targets return different numbers of points: prometheus=488 strata=480");
    }

    @Test
    void seriesThatFollowValuesMayDifferWhenThePointsAgree() {
        assertThat(AnswerAgreement.check(shapes("prometheus", shape(60, 610), "victoriametrics", shape(56, 610)), false)).isEmpty();
        assertThat(AnswerAgreement.check(shapes("prometheus", shape(60, 610), "victoriametrics", shape(56, 600)), false))
                .hasValue("targets return different numbers of points: prometheus=610 victoriametrics=600");
    }

    @Test
    void aTargetWhoseAnswersChangeBetweenRunsIsReported() {
        AnswerAgreement.Shape changing = new AnswerAgreement.Shape(new TreeSet<>(Set.of(7, 8)), Set.of(8L));
        assertThat(AnswerAgreement.check(shapes("prometheus", shape(8, 8), "strata", changing), true))
                .hasValue("answers changed between runs (data still arriving?): prometheus=8 series/8 points strata=7|8 series/8 points");
        assertThat(AnswerAgreement.check(shapes("strata", changing), false)).isPresent();
    }

    @Test
    void targetsWithoutACorrectAnswerAreLeftOut() {
        assertThat(AnswerAgreement.check(shapes("prometheus", shape(8, 8), "strata", NONE), true)).isEmpty();
        assertThat(AnswerAgreement.check(shapes("prometheus", NONE, "strata", NONE), true)).isEmpty();
    }

    @Test
    void oneStableTargetAgreesWithItself() {
        assertThat(AnswerAgreement.check(shapes("prometheus", shape(3, 183)), true)).isEmpty();
    }

    private static AnswerAgreement.Shape shape(int series, long points) {
        return new AnswerAgreement.Shape(Set.of(series), Set.of(points));
    }

    private static Map<String, AnswerAgreement.Shape> shapes(Object... nameAndShape) {
        Map<String, AnswerAgreement.Shape> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndShape.length; i += 2) {
            m.put((String) nameAndShape[i], (AnswerAgreement.Shape) nameAndShape[i + 1]);
        }
        return m;
    }
}
