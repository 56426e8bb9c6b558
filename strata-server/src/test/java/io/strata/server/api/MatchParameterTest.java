package io.strata.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.ErrorCode;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code match[]} selectors as the API reads them (through the PromQL parser's
 * {@code parseMetricSelector}): matchers in Prometheus's order, the one from a metric name written
 * before the braces last, and Prometheus's messages with line and column.
 */
class MatchParameterTest {
    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("up", List.of(Matcher.metricName("up"))),
                Arguments.of("  up  ", List.of(Matcher.metricName("up"))),
                Arguments.of("node:cpu:rate5m", List.of(Matcher.metricName("node:cpu:rate5m"))),
                Arguments.of("up{}", List.of(Matcher.metricName("up"))),
                Arguments.of("up{job=\"api\"}", List.of(Matcher.equal("job", "api"), Matcher.metricName("up"))),
                Arguments.of("up{job!=\"api\",}", List.of(Matcher.notEqual("job", "api"), Matcher.metricName("up"))),
                Arguments.of("{__name__=~\"http_.*\", code!~'2..'}",
                        List.of(Matcher.regex("__name__", "http_.*"), Matcher.notRegex("code", "2.."))),
                Arguments.of("{a=`x\\ny`}", List.of(Matcher.equal("a", "x\\ny"))),
                Arguments.of("{a=\"tab\\there\"}", List.of(Matcher.equal("a", "tab\there"))),
                Arguments.of("{a=\"q\\\"uote\"}", List.of(Matcher.equal("a", "q\"uote"))),
                Arguments.of("{a='it\\'s'}", List.of(Matcher.equal("a", "it's"))),
                Arguments.of("{a=\"\\x41\\101\\u00e9\\U0001F600\"}", List.of(Matcher.equal("a", "AAé\uD83D\uDE00"))),
                Arguments.of("{a=\"\\xc3\\xa9\"}", List.of(Matcher.equal("a", "é"))),
                Arguments.of("{\"my.metric\", \"my.label\"=\"v\"}",
                        List.of(Matcher.metricName("my.metric"), Matcher.equal("my.label", "v"))),
                Arguments.of("up{\n  job=\"a\" # comment\n}", List.of(Matcher.equal("job", "a"), Matcher.metricName("up"))),
                Arguments.of("sum{by=\"x\"}", List.of(Matcher.equal("by", "x"), Matcher.metricName("sum"))),
                // Prometheus checks names given twice only in whole queries, not in match[].
                Arguments.of("{\"a\", \"b\"}", List.of(Matcher.metricName("a"), Matcher.metricName("b"))),
                Arguments.of("up{\"b\"}", List.of(Matcher.metricName("b"), Matcher.metricName("up"))));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesValidSelector(String input, List<Matcher> expected) {
        assertThat(parse(input)).isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("", "1:1: parse error: unexpected end of input"),
                Arguments.of("up{", "1:4: parse error: unexpected end of input inside braces"),
                Arguments.of("up{job}", "1:7: parse error: unexpected \"}\" in label matching, expected label matching operator"),
                Arguments.of("up{job=}", "1:8: parse error: unexpected \"}\" in label matching, expected string"),
                Arguments.of("up{job=\"a\" x=\"b\"}",
                        "1:12: parse error: unexpected identifier \"x\" in label matching, expected \",\" or \"}\""),
                Arguments.of("up{,}", "1:4: parse error: unexpected \",\" in label matching, expected identifier or \"}\""),
                Arguments.of("up{job=\"a", "1:8: parse error: unterminated quoted string"),
                Arguments.of("up{job=\"a\nb\"}", "1:8: parse error: unterminated quoted string"),
                Arguments.of("up{job=`a", "1:8: parse error: unterminated raw string"),
                Arguments.of("up{job=\"\\z\"}", "1:8: parse error: unknown escape sequence U+007A 'z'"),
                Arguments.of("up{job=\"\\'\"}", "1:8: parse error: unknown escape sequence U+0027 '''"),
                Arguments.of("up{job=\"\\xZZ\"}", "1:8: parse error: illegal character U+005A 'Z' in escape sequence"),
                Arguments.of("up{job=\"\\ud800\"}", "1:8: parse error: escape sequence is an invalid Unicode code point"),
                Arguments.of("up{job=\"\\400\"}", "1:8: parse error: escape sequence is an invalid Unicode code point"),
                Arguments.of("up{job!\"a\"}", "1:7: parse error: unexpected character after '!' inside braces: '\"'"),
                Arguments.of("up{job=1}", "1:8: parse error: unexpected character inside braces: '1'"),
                Arguments.of("up}", "1:3: parse error: unexpected character: '}'"),
                Arguments.of("up foo", "1:4: parse error: unexpected identifier \"foo\""),
                Arguments.of("up[5m]", "1:3: parse error: unexpected \"[\""),
                Arguments.of("up{a=\"b\"} x", "1:11: parse error: unexpected identifier \"x\""),
                Arguments.of("up{job=~\"(\"}", "1:4: parse error: error parsing regexp: missing closing ): `(`"),
                Arguments.of("{a=\"x\"}\n  $", "2:3: parse error: unexpected character: '$'"),
                Arguments.of("{é=\"x\"}", "1:2: parse error: unexpected character inside braces: 'é'"),
                // Go's %q of the end of input after '!' is the replacement character.
                Arguments.of("{a=\"é\"}!", "1:9: parse error: unexpected character after '!': '\uFFFD'"),
                Arguments.of("up{job=\"a very long value\" x}",
                        "1:28: parse error: unexpected identifier \"x\" in label matching, expected \",\" or \"}\""),
                Arguments.of("up{job \"a very long value\"}",
                        "1:8: parse error: unexpected string \"\\\"a very lo\"... in label matching, expected label matching operator"));
    }

    @org.junit.jupiter.api.Test
    void selectorMatchingEverySeriesIsRefusedInPrometheusWords() {
        for (String input : new String[] {"{}", "{job=\"\"}", "{a=~\".*\"}", "{a!~\".+\"}"}) {
            assertThatThrownBy(() -> parse(input)).hasMessage("match[] must contain at least one non-empty matcher");
        }
        // The series endpoint names the parameter first, as Prometheus's does.
        assertThatThrownBy(() -> ApiParams.matcherSets(List.of("up", "{}"), true))
                .hasMessage("invalid parameter \"match[]\": match[] must contain at least one non-empty matcher");
        assertThatThrownBy(() -> ApiParams.matcherSets(List.of("up{"), true))
                .hasMessage("invalid parameter \"match[]\": 1:4: parse error: unexpected end of input inside braces");
    }

    private static List<Matcher> parse(String selector) {
        return ApiParams.matcherSets(List.of(selector), false).getFirst();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsInvalidSelectorWithPositionedMessage(String input, String message) {
        assertThatThrownBy(() -> parse(input))
                .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_DATA))
                .hasMessage(message);
    }

    @Property(tries = 300)
    void neverFailsWithAnythingButABadDataError(@ForAll String input) {
        try {
            parse(input);
        } catch (StrataException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_DATA);
            assertThat(e.getMessage()).matches("(?s)\\d+:\\d+: parse error: .+|match\\[] must contain at least one non-empty matcher");
        }
    }

    @Property(tries = 300)
    void roundTripsAnyLabelValueThroughMatcherToString(@ForAll String value) {
        // Label values are UTF-8: a string with an unpaired surrogate has no UTF-8 form, and the
        // parser rightly refuses it ("invalid UTF-8 rune").
        net.jqwik.api.Assume.that(java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(value));
        Matcher m = Matcher.equal("a", value);
        // A name makes the selector usable even for the empty value, which matches every series.
        assertThat(parse("up{" + m + "}")).containsExactly(m, Matcher.metricName("up"));
    }
}
