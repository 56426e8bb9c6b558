package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.SampleValues;
import io.strata.model.StrataException;
import io.strata.promql.parse.PromqlParser;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesValuesTest {
    static Stream<Map<String, String>> seriesCases() {
        return Tsv.read(Corpus.read("series-cases.tsv"), "series-cases.tsv").stream();
    }

    @ParameterizedTest
    @MethodSource("seriesCases")
    void valuePartOfEverySeriesCaseExpandsAsUpstream(Map<String, String> row) {
        String input = row.get("input").strip();
        String values = input.substring(PromqlParser.parseMetricPrefix(input).end());
        if (row.get("expected").equals("fail")) {
            assertThatThrownBy(() -> SeriesValues.expand(values)).isInstanceOf(StrataException.class);
        } else {
            assertThat(text(SeriesValues.expand(values))).isEqualTo(row.get("expanded_values"));
        }
    }

    @Test
    void blanksCountKPositionsButRepeatsKPlusOne() {
        assertThat(text(SeriesValues.expand("_x3 7x2"))).isEqualTo("_ _ _ 7 7 7");
        assertThat(text(SeriesValues.expand("1x0 _x0 2"))).isEqualTo("1 2");
    }

    @Test
    void stepsAddTheDeltaRepeatedlyInDoublePrecision() {
        List<SequenceValue> v = SeriesValues.expand("0+0.1x3");
        assertThat(v.get(3).value()).isEqualTo(0.1 + 0.1 + 0.1).isNotEqualTo(0.3);
        assertThat(text(SeriesValues.expand("10-2x2"))).isEqualTo("10 8 6");
        assertThat(text(SeriesValues.expand("0x10"))).isEqualTo("0 0 0 0 0 0 0 0 0 0 0");
    }

    @Test
    void staleIsTheStaleMarkerBitForBit() {
        SequenceValue v = SeriesValues.expand("stale").getFirst();
        assertThat(Double.doubleToRawLongBits(v.value())).isEqualTo(SampleValues.STALE_NAN_BITS);
    }

    @Test
    void numbersFollowTheLexerAndGoRules() {
        assertThat(text(SeriesValues.expand("Inf -Inf +inf nan NaN"))).isEqualTo("+Inf -Inf +Inf NaN NaN");
        assertThat(text(SeriesValues.expand("010 09 .5 1e3 2. -0"))).isEqualTo("8 9 0.5 1000 2 -0");
        assertThat(text(SeriesValues.expand("1 +1\t-1"))).isEqualTo("1 1 -1");
        assertThat(text(SeriesValues.expand("Inf+1x2"))).isEqualTo("+Inf +Inf +Inf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1+1", "-3-3", "3+3x4-4", "_-2", "_a4", "Infx3", "stalex2", "stale+1x2", "5m", "1x", "1_000",
        "0x1f", "1ex2", "1x1.5", "+", ".", "1xx2", "1 2a", "{{schema:0}}+{{schema:0}}", "{{schema:0}}x", "{{sum:1",
        "{{}}1", "1x2000000"})
    void rejectsMalformedItems(String values) {
        assertThatThrownBy(() -> SeriesValues.expand(values)).isInstanceOf(StrataException.class);
    }

    @Test
    void histogramItemsRepeatAndStep() {
        List<SequenceValue> v = SeriesValues.expand(
                "{{schema:0 sum:1 count:1 buckets:[1]}}+{{sum:2 count:2 buckets:[2]}}x3 {{}}x1 _ 4");
        assertThat(text(v)).isEqualTo(
                "{{schema:0 count:1 sum:1 buckets:[1] counter_reset_hint:unknown}} "
                        + "{{schema:0 count:3 sum:3 buckets:[3] counter_reset_hint:unknown}} "
                        + "{{schema:0 count:5 sum:5 buckets:[5] counter_reset_hint:unknown}} "
                        + "{{schema:0 count:7 sum:7 buckets:[7] counter_reset_hint:unknown}} "
                        + "{{schema:0 count:0 sum:0 counter_reset_hint:unknown}} "
                        + "{{schema:0 count:0 sum:0 counter_reset_hint:unknown}} _ 4");
    }

    @Test
    void histogramsCanBeCountedDown() {
        List<SequenceValue> v = SeriesValues.expand("{{sum:10 count:10 buckets:[10]}}-{{sum:3 count:3 buckets:[3]}}x2");
        assertThat(v).extracting(s -> s.histogram().count()).containsExactly(10.0, 7.0, 4.0);
    }

    private static String text(List<SequenceValue> values) {
        return String.join(" ", values.stream().map(SequenceValue::toString).toList());
    }
}
