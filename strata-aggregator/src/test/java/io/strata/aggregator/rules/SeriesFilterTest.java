package io.strata.aggregator.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesFilterTest {
    static Stream<Arguments> m3Conversions() {
        return Stream.of(
                Arguments.of("env:prod", "[env=\"prod\"]"),
                Arguments.of("app:nginx*", "[app=~\"nginx.*\"]"),
                Arguments.of("app:*", "[app=~\".+\"]"),
                Arguments.of("env:!prod", "[env!=\"prod\", env=~\".+\"]"),
                Arguments.of("env:!prod*", "[env!~\"prod.*\", env=~\".+\"]"),
                Arguments.of("host:web-?", "[host=~\"web-.\"]"),
                Arguments.of("dc:[abc]1", "[dc=~\"[abc]1\"]"),
                Arguments.of("dc:[a-z0-9]", "[dc=~\"[a-z0-9]\"]"),
                Arguments.of("dc:[!a-c]x", "[dc=~\"[^a-c]x\"]"),
                Arguments.of("dc:[!ab]", "[dc=~\"[^ab]\"]"),
                Arguments.of("__name__:http_{requests,errors}_total", "[__name__=~\"http_(?:requests|errors)_total\"]"),
                Arguments.of("v:a.b*", "[v=~\"a\\\\.b.*\"]"),
                Arguments.of("v:*mid*", "[v=~\".*mid.*\"]"),
                Arguments.of("v:a*b*c", "[v=~\"a.*b.*c\"]"),
                Arguments.of("v:{a,}", "[v=~\"(?:a|)\", v=~\".+\"]"),
                Arguments.of("v:a(b)|c", "[v=\"a(b)|c\"]"),
                Arguments.of("v:[^]", "[v=~\"[\\\\^]\"]"),
                Arguments.of("__name__:job:rate5m", "[__name__=\"job:rate5m\"]"),
                Arguments.of("  app:nginx*   env:prod ", "[app=~\"nginx.*\", env=\"prod\"]"));
    }

    @ParameterizedTest
    @MethodSource("m3Conversions")
    void convertsM3GlobsToMatchers(String filter, String matchers) {
        SeriesFilter f = SeriesFilter.parseM3(filter);
        assertThat(f.matchers().toString()).isEqualTo(matchers);
        assertThat(f.syntax()).isEqualTo(SeriesFilter.Syntax.M3);
        assertThat(f.text()).isEqualTo(filter);
    }

    static Stream<Arguments> m3Matches() {
        return Stream.of(
                Arguments.of("app:nginx*", Labels.of("app", "nginx-1"), true),
                Arguments.of("app:nginx*", Labels.of("app", "apache"), false),
                Arguments.of("app:nginx*", Labels.of("other", "nginx"), false),
                Arguments.of("env:!prod", Labels.of("env", "dev"), true),
                Arguments.of("env:!prod", Labels.of("env", "prod"), false),
                // As in M3, a pair needs its label, negated or not.
                Arguments.of("env:!prod", Labels.of("app", "x"), false),
                Arguments.of("app:*", Labels.of("app", "x"), true),
                Arguments.of("app:*", Labels.of("__name__", "up"), false),
                Arguments.of("host:web-?", Labels.of("host", "web-1"), true),
                Arguments.of("host:web-?", Labels.of("host", "web-12"), false),
                Arguments.of("host:web-?", Labels.of("host", "web-é"), true),
                Arguments.of("dc:[!a-c]x", Labels.of("dc", "dx"), true),
                Arguments.of("dc:[!a-c]x", Labels.of("dc", "bx"), false),
                Arguments.of("dc:[a-z0-9]", Labels.of("dc", "7"), true),
                Arguments.of("dc:[a-z0-9]", Labels.of("dc", "Q"), false),
                Arguments.of("v:a.b*", Labels.of("v", "a.bc"), true),
                Arguments.of("v:a.b*", Labels.of("v", "axbc"), false),
                Arguments.of("v:{a,ab}c", Labels.of("v", "abc"), true),
                Arguments.of("__name__:http_{requests,errors}_total env:prod",
                        Labels.of("__name__", "http_errors_total", "env", "prod"), true),
                Arguments.of("__name__:http_{requests,errors}_total env:prod",
                        Labels.of("__name__", "http_errors_total", "env", "dev"), false));
    }

    @ParameterizedTest
    @MethodSource("m3Matches")
    void m3FilterMatchesAsM3Does(String filter, Labels series, boolean expected) {
        assertThat(SeriesFilter.parseM3(filter).matches(series)).isEqualTo(expected);
    }

    static Stream<Arguments> m3Errors() {
        return Stream.of(
                Arguments.of("app", "invalid filter \"app\": \"app\" is not a name:pattern pair"),
                Arguments.of(":x", "invalid filter \":x\": \":x\" has an empty label name"),
                Arguments.of("app:", "invalid filter \"app:\": \"app:\" has an empty pattern"),
                Arguments.of("app:!", "invalid filter \"app:!\": pattern \"!\" of label app: '!' needs a pattern to negate"),
                Arguments.of("a:x a:y", "invalid filter \"a:x a:y\": label a is filtered twice"),
                Arguments.of("a:[abc", "invalid filter \"a:[abc\": pattern \"[abc\" of label a: '[' at 0 is not closed by ']'"),
                Arguments.of("a:x{}", "invalid filter \"a:x{}\": pattern \"x{}\" of label a: empty {} at 1"),
                Arguments.of("a:[!]", "invalid filter \"a:[!]\": pattern \"[!]\" of label a: [!] names no character"),
                Arguments.of("a:[a-]", "invalid filter \"a:[a-]\": pattern \"[a-]\" of label a: [a-]: ranges are written as "
                        + "lo-hi triples, like [a-z0-9]"),
                Arguments.of("a:[z-a]", "invalid filter \"a:[z-a]\": pattern \"[z-a]\" of label a: [z-a]: \"z-a\" is not a range lo-hi"),
                Arguments.of("a:{x*,y}", "invalid filter \"a:{x*,y}\": pattern \"{x*,y}\" of label a: '*' inside {x*,y}"),
                Arguments.of("   ", "filter \"   \" is empty; write name:pattern pairs like app:nginx*"));
    }

    @ParameterizedTest
    @MethodSource("m3Errors")
    void rejectsMalformedM3Filters(String filter, String message) {
        assertThatThrownBy(() -> SeriesFilter.parseM3(filter)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void parseTellsTheSyntaxesApart() {
        assertThat(SeriesFilter.parse("{__name__=~\"http_.*\", env=\"prod\"}").syntax()).isEqualTo(SeriesFilter.Syntax.PROMQL);
        assertThat(SeriesFilter.parse("http_requests_total{env=\"prod\"}").matchers())
                .containsExactlyInAnyOrder(Matcher.equal("env", "prod"), Matcher.metricName("http_requests_total"));
        assertThat(SeriesFilter.parse("up").matchers()).containsExactly(Matcher.metricName("up"));
        assertThat(SeriesFilter.parse("app:nginx* env:prod").syntax()).isEqualTo(SeriesFilter.Syntax.M3);
        assertThat(SeriesFilter.parse("__name__:http_requests_*").matchers())
                .containsExactly(Matcher.regex("__name__", "http_requests_.*"));
    }

    @Test
    void promqlFilterMatchesLikeTheSelector() {
        SeriesFilter f = SeriesFilter.parsePromql("http_requests_total{env=~\"prod|staging\", job!=\"x\"}");
        assertThat(f.matches(Labels.of("__name__", "http_requests_total", "env", "prod"))).isTrue();
        assertThat(f.matches(Labels.of("__name__", "http_requests_total", "env", "prod", "job", "x"))).isFalse();
        assertThat(f.matches(Labels.of("__name__", "http_requests_total"))).isFalse();
        assertThat(f.matches(Labels.of("__name__", "other", "env", "prod"))).isFalse();
    }

    @Test
    void promqlErrorsNameTheFilter() {
        assertThatThrownBy(() -> SeriesFilter.parsePromql("{env!=\"dev\"}"))
                .hasMessage("invalid filter \"{env!=\"dev\"}\": every matcher also matches the empty string, so it would "
                        + "select every series; add __name__=~\".+\" if that is meant");
        assertThatThrownBy(() -> SeriesFilter.parsePromql("{env=}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid filter \"{env=}\": 1:6: parse error");
        assertThatThrownBy(() -> SeriesFilter.parse("")).hasMessageStartingWith("filter is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{env=\"a\", env=\"b\"}",
        "{env=\"a\", env!=\"a\"}",
        "{env=\"a\", env=~\"b|c\"}",
        "{env=~\"a|b\", env=~\"c|d\"}",
        "{__name__=\"\", env=\"x\"}",
        "{__name__!~\".+\", env=\"x\"}",
        "{__name__=~\"\", env=\"x\"}",
        "{a!~\".*\", b=\"x\"}",
        "{env=\"\", env=~\".+\"}",
    })
    void findsFiltersThatCanNeverMatch(String text) {
        SeriesFilter f = SeriesFilter.parsePromql(text);
        assertThat(f.canMatchSomething()).isFalse();
        assertThatThrownBy(f::requireCanMatch).hasMessageStartingWith("filter \"" + text + "\" can never match: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{env=\"a\", env=~\"a|b\"}",
        "{env=~\"a.*\", env!=\"ab\"}",
        "{__name__=~\"x|\", env=\"1\"}",
        "{env=~\"a|b\", env!=\"a\"}",
        "{env=\"\", job=\"x\"}",
        "{__name__=~\"a.*\", __name__!~\"ab.*\"}",
    })
    void acceptsFiltersThatCanMatch(String text) {
        assertThat(SeriesFilter.parsePromql(text).canMatchSomething()).isTrue();
    }

    @Test
    void namesTheReasonAFilterCannotMatch() {
        assertThatThrownBy(() -> SeriesFilter.parsePromql("{env=\"a\", env=\"b\"}").requireCanMatch())
                .hasMessage("filter \"{env=\"a\", env=\"b\"}\" can never match: label env cannot equal both \"a\" and \"b\"");
        assertThatThrownBy(() -> SeriesFilter.parsePromql("{__name__=\"\", env=\"x\"}").requireCanMatch())
                .hasMessage("filter \"{__name__=\"\", env=\"x\"}\" can never match: __name__ matches only the empty string, "
                        + "and every series has a name");
        assertThatThrownBy(() -> SeriesFilter.parsePromql("{env=~\"a|b\", env=~\"c|d\"}").requireCanMatch())
                .hasMessage("filter \"{env=~\"a|b\", env=~\"c|d\"}\" can never match: no value of label env satisfies "
                        + "env=~\"a|b\", env=~\"c|d\"");
        assertThatThrownBy(() -> SeriesFilter.parseM3("app:!*").requireCanMatch())
                .hasMessage("filter \"app:!*\" can never match: app!~\".*\" matches no value");
    }

    @Test
    void filtersAreEqualByTextAndSyntax() {
        assertThat(SeriesFilter.parse("up")).isEqualTo(SeriesFilter.parsePromql("up"));
        assertThat(SeriesFilter.parseM3("a:b")).isNotEqualTo(SeriesFilter.parseM3("a:c"));
    }
}
