package io.strata.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SeriesAgreementTest {
    @Test
    void targetsWithTheSameCountAgree() {
        assertThat(SeriesAgreement.check(counts("prometheus", Set.of(8), "victoriametrics", Set.of(8), "strata", Set.of(8)))).isEmpty();
    }

    @Test
    void aTargetWithFewerSeriesIsAMismatchNamingEveryCount() {
        assertThat(SeriesAgreement.check(counts("prometheus", Set.of(8), "strata", Set.of(7))))
                .hasValue("targets return different numbers of series: prometheus=8 strata=7");
    }

    @Test
    void aTargetWhoseCountChangesBetweenRunsIsReported() {
        assertThat(SeriesAgreement.check(counts("prometheus", Set.of(8), "strata", new TreeSet<>(Set.of(7, 8)))))
                .hasValue("series counts changed between runs (data still arriving?): prometheus=8 strata=7|8");
        assertThat(SeriesAgreement.check(counts("strata", new TreeSet<>(Set.of(7, 8))))).isPresent();
    }

    @Test
    void targetsWithoutACorrectAnswerAreLeftOut() {
        assertThat(SeriesAgreement.check(counts("prometheus", Set.of(8), "strata", Set.of()))).isEmpty();
        assertThat(SeriesAgreement.check(counts("prometheus", Set.of(), "strata", Set.of()))).isEmpty();
    }

    @Test
    void oneStableTargetAgreesWithItself() {
        assertThat(SeriesAgreement.check(counts("prometheus", Set.of(3)))).isEmpty();
    }

    private static Map<String, Set<Integer>> counts(Object... nameAndCounts) {
        Map<String, Set<Integer>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndCounts.length; i += 2) {
            @SuppressWarnings("unchecked")
            Set<Integer> c = (Set<Integer>) nameAndCounts[i + 1];
            m.put((String) nameAndCounts[i], c);
        }
        return m;
    }
}
