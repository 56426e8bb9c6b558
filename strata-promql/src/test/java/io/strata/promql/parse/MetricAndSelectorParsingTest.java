package io.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.StrataException;

import org.junit.jupiter.api.Test;

class MetricAndSelectorParsingTest {
    @Test
    void metricWithNameAndLabels() {
        assertThat(PromqlParser.parseMetric("foo{a=\"b\", c='d'}"))
                .isEqualTo(Labels.of("__name__", "foo", "a", "b", "c", "d"));
    }

    @Test
    void metricWithLabelsOnly() {
        assertThat(PromqlParser.parseMetric("{a=\"b\"}")).isEqualTo(Labels.of("a", "b"));
    }

    @Test
    void metricNameAsLabelOrQuotedString() {
        assertThat(PromqlParser.parseMetric("{__name__=\"x\"}")).isEqualTo(Labels.of("__name__", "x"));
        assertThat(PromqlParser.parseMetric("{\"foo.bar\", \"a.b\"=\"c\",}"))
                .isEqualTo(Labels.of("__name__", "foo.bar", "a.b", "c"));
    }

    @Test
    void metricNameOnlyAndKeywordNames() {
        assertThat(PromqlParser.parseMetric("foo")).isEqualTo(Labels.of("__name__", "foo"));
        assertThat(PromqlParser.parseMetric("sum{by=\"1\"}")).isEqualTo(Labels.of("__name__", "sum", "by", "1"));
        assertThat(PromqlParser.parseMetric("ns:rate5m{}")).isEqualTo(Labels.of("__name__", "ns:rate5m"));
    }

    @Test
    void metricNameOutsideBracesWinsAsInPrometheus() {
        assertThat(PromqlParser.parseMetric("foo{__name__=\"bar\"}")).isEqualTo(Labels.of("__name__", "foo"));
    }

    @Test
    void metricValuesAreUnescaped() {
        assertThat(PromqlParser.parseMetric("{a=\"x\\\"y\\n\", b=`raw\\n`}"))
                .isEqualTo(Labels.of("a", "x\"y\n", "b", "raw\\n"));
    }

    @Test
    void metricRejectsMatchersOtherThanEquality() {
        assertThatThrownBy(() -> PromqlParser.parseMetric("foo{a=~\"b\"}"))
                .isInstanceOf(ParseException.class)
                .hasMessage("1:6: parse error: unexpected <op:=~> in label set, expected \"=\"");
    }

    @Test
    void metricRejectsLabelGivenTwice() {
        assertThatThrownBy(() -> PromqlParser.parseMetric("{a=\"1\", a=\"2\"}"))
                .isInstanceOf(ParseException.class)
                .hasMessage("1:9: parse error: label name \"a\" is set more than once");
    }

    @Test
    void metricRejectsTrailingGarbage() {
        assertThatThrownBy(() -> PromqlParser.parseMetric("foo{a=\"b\"} 1"))
                .isInstanceOf(ParseException.class)
                .hasMessage("1:12: parse error: unexpected number \"1\"");
    }

    @Test
    void metricPrefixStopsWhereTheValuesStart() {
        PromqlParser.MetricPrefix p = PromqlParser.parseMetricPrefix("foo{a=\"b c\", d='}'} 1+1x10 _ stale");
        assertThat(p.labels()).isEqualTo(Labels.of("__name__", "foo", "a", "b c", "d", "}"));
        assertThat(p.end()).isEqualTo(19);
        PromqlParser.MetricPrefix named = PromqlParser.parseMetricPrefix("  http_requests 0+10x5");
        assertThat(named.labels()).isEqualTo(Labels.of("__name__", "http_requests"));
        assertThat(named.end()).isEqualTo(15);
        PromqlParser.MetricPrefix quoted = PromqlParser.parseMetricPrefix("{\"ü.x\", a=\"1\"} 1");
        assertThat(quoted.labels()).isEqualTo(Labels.of("__name__", "ü.x", "a", "1"));
        assertThat(quoted.end()).isEqualTo(14);
    }

    @Test
    void metricPrefixLeavesBracesAfterASpaceToTheValues() {
        PromqlParser.MetricPrefix p = PromqlParser.parseMetricPrefix("h {{schema:0 sum:1 count:1}}x3");
        assertThat(p.labels()).isEqualTo(Labels.of("__name__", "h"));
        assertThat(p.end()).isEqualTo(1);
    }

    @Test
    void metricPrefixReportsABrokenLabelSet() {
        assertThatThrownBy(() -> PromqlParser.parseMetricPrefix("foo{a=1} 2"))
                .isInstanceOf(ParseException.class)
                .hasMessage("1:7: parse error: unexpected character inside braces: '1'");
    }

    @Test
    void selectorReturnsMatchersWithNameLast() {
        assertThat(PromqlParser.parseMetricSelector("foo{a=\"b\", c!~\"d.*\"}")).containsExactly(
                Matcher.equal("a", "b"), Matcher.notRegex("c", "d.*"), Matcher.metricName("foo"));
    }

    @Test
    void selectorAcceptsQuotedUtf8Names() {
        assertThat(PromqlParser.parseMetricSelector("{\"my.metric\", \"a.b\"=~\"c\"}"))
                .containsExactly(Matcher.metricName("my.metric"), Matcher.regex("a.b", "c"));
    }

    @Test
    void selectorThatMatchesEverythingIsRejectedWithPrometheusMessage() {
        assertThatThrownBy(() -> PromqlParser.parseMetricSelector("{a=~\".*\"}"))
                .isInstanceOf(StrataException.class)
                .isNotInstanceOf(ParseException.class)
                .hasMessage("match[] must contain at least one non-empty matcher")
                .extracting(e -> ((StrataException) e).code()).isEqualTo(ErrorCode.BAD_DATA);
    }

    @Test
    void selectorRejectsExpressions() {
        assertThatThrownBy(() -> PromqlParser.parseMetricSelector("foo offset 5m"))
                .isInstanceOf(ParseException.class)
                .hasMessage("1:5: parse error: unexpected <offset>");
        assertThatThrownBy(() -> PromqlParser.parseMetricSelector("rate(foo[5m])"))
                .isInstanceOf(ParseException.class)
                .hasMessage("1:5: parse error: unexpected \"(\"");
    }

    @Test
    void selectorReportsBadRegexWithGoText() {
        assertThatThrownBy(() -> PromqlParser.parseMetricSelector("foo{a=~\"(\"}"))
                .isInstanceOf(ParseException.class)
                .hasMessage("1:5: parse error: error parsing regexp: missing closing ): `(`");
    }
}
