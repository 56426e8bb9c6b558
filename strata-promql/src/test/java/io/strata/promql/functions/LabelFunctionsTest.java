package io.strata.promql.functions;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.promql.engine.FunctionTestKit;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelFunctionsTest {
    private static final Labels METRIC =
            Labels.of("__name__", "testmetric", "src", "source-value-10", "dst", "original-destination-value");

    private static StepSeries replace(Labels labels, String dst, String replacement, String src, String regex) {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(labels, 0.0)).string(dst).string(replacement).string(src).string(regex);
        return ((StepVector) kit.call("label_replace", StandardFunctions.table().get("label_replace")))
                .series().getFirst();
    }

    @Test
    void replacesOnAFullMatch() {
        assertThat(replace(METRIC, "dst", "destination-value-$1", "src", "source-value-(.*)").labels().get("dst"))
                .isEqualTo("destination-value-10");
    }

    @Test
    void aPartialMatchChangesNothing() {
        assertThat(replace(METRIC, "dst", "destination-value-$1", "src", "value-(.*)").labels()).isEqualTo(METRIC);
    }

    @Test
    void aMissingSourceIsTheEmptyString() {
        assertThat(replace(METRIC, "dst", "value-$1", "nonexistent-src", "(.*)").labels().get("dst")).isEqualTo("value-");
        assertThat(replace(METRIC, "dst", "value-$1", "nonexistent-src", "source-value-(.*)").labels()).isEqualTo(METRIC);
    }

    @Test
    void anEmptyResultRemovesTheLabel() {
        assertThat(replace(METRIC, "dst", "", "dst", ".*").labels().has("dst")).isFalse();
    }

    @Test
    void dotMatchesNewlines() {
        Labels withNewline = Labels.of("src", "a\nb");
        assertThat(replace(withNewline, "dst", "$1", "src", "(.*)").labels().get("dst")).isEqualTo("a\nb");
    }

    @Test
    void invalidRegexAndDestinationAreErrors() {
        assertThatThrownBy(() -> replace(METRIC, "dst", "value-$1", "src", "(.*"))
                .isInstanceOf(StrataException.class)
                .hasMessage("invalid regular expression in label_replace(): (.*")
                .extracting(e -> ((StrataException) e).code()).isEqualTo(ErrorCode.EXECUTION);
        assertThatThrownBy(() -> replace(METRIC, "\uFFFD", "", "src", "(.*)"))
                .hasMessage("invalid destination label name in label_replace(): \uFFFD");
        // UTF-8 names are valid label names in Prometheus 3.
        assertThat(replace(METRIC, "d.s-t", "x", "src", ".*").labels().get("d.s-t")).isEqualTo("x");
    }

    @Test
    void writingTheNameKeepsItUnderDelayedRemoval() {
        FunctionTestKit kit = FunctionTestKit.instantDelayedNames(0);
        StepSeries in = kit.series(Labels.of("__name__", "metric_total", "env", "1"), 0.2);
        in.setDropName(true);
        kit.vector(in).string("__name__").string("rate_$1").string("__name__").string("(.+)");
        StepSeries out = ((StepVector) kit.call("label_replace", StandardFunctions.table().get("label_replace")))
                .series().getFirst();
        assertThat(out.labels()).isEqualTo(Labels.of("__name__", "rate_metric_total", "env", "1"));
        assertThat(out.dropName()).isFalse();
    }

    @Test
    void writingAnotherLabelKeepsTheDropMark() {
        FunctionTestKit kit = FunctionTestKit.instantDelayedNames(0);
        StepSeries in = kit.series(Labels.of("__name__", "metric_total", "env", "1"), 0.2);
        in.setDropName(true);
        kit.vector(in).string("my_name").string("_").string("__name__");
        StepSeries out = ((StepVector) kit.call("label_join", StandardFunctions.table().get("label_join")))
                .series().getFirst();
        assertThat(out.labels().get("my_name")).isEqualTo("metric_total");
        assertThat(out.dropName()).isTrue();
    }

    @Test
    void labelJoinJoinsSourcesInOrderWithMissingOnesEmpty() {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(Labels.of("src", "a", "src1", "b", "src2", "c"), 0.0))
                .string("dst").string("-").string("src").string("src3").string("src1");
        StepSeries out = ((StepVector) kit.call("label_join", StandardFunctions.table().get("label_join")))
                .series().getFirst();
        assertThat(out.labels().get("dst")).isEqualTo("a--b");
    }

    @Test
    void labelJoinWithoutSourcesRemovesTheDestination() {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(Labels.of("src", "a", "dst", "x"), 0.0)).string("dst").string(", ");
        StepSeries out = ((StepVector) kit.call("label_join", StandardFunctions.table().get("label_join")))
                .series().getFirst();
        assertThat(out.labels()).isEqualTo(Labels.of("src", "a"));
    }

    @Test
    void labelJoinRejectsInvalidNames() {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(Labels.of("src", "a"), 0.0)).string("dst").string(",").string("");
        assertThatThrownBy(() -> kit.call("label_join", StandardFunctions.table().get("label_join")))
                .hasMessage("invalid source label name in label_join(): ");
    }

    /** Go's Regexp.Expand rules, as label_replace applies them. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$1-$2|ab-cd",
        "${1}x|abx",
        "$1x|''",
        "$$1|$1",
        "$|$",
        "${1|${1",
        "$name|cd",
        "${name}!|cd!",
        "$3|''",
        "$01|''",
        "x$|x$"})
    void expandsTemplatesLikeGo(String template, String expected) {
        Pattern p = Pattern.compile("^(?s:(ab)(?P<name>cd))$");
        Matcher m = p.matcher("abcd");
        assertThat(m.matches()).isTrue();
        assertThat(RegexTemplate.expand(template, m, p.namedGroups())).isEqualTo(expected);
    }
}
