package io.strata.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MatcherTest {
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiterString = " ; ", textBlock = """
            =~ ; .* ; '' ; true
            =~ ; .+ ; '' ; false
            =~ ; foo ; foo ; true
            =~ ; foo ; foobar ; false
            =~ ; foo|bar ; bar ; true
            =~ ; foo|bar ; baz ; false
            =~ ; fo.* ; fooo ; true
            =~ ; fo.* ; xfoo ; false
            =~ ; .*oo ; xfoo ; true
            =~ ; (a|b)+c ; ababc ; true
            =~ ; [0-9]{2} ; 123 ; false
            !~ ; foo.* ; foobar ; false
            !~ ; foo.* ; bar ; true
            = ; x ; x ; true
            != ; x ; x ; false
            != ; x ; '' ; true
            """)
    void matchesLikePrometheus(String op, String pattern, String value, boolean expected) {
        MatchType type = switch (op) {
            case "=" -> MatchType.EQUAL;
            case "!=" -> MatchType.NOT_EQUAL;
            case "=~" -> MatchType.REGEX;
            default -> MatchType.NOT_REGEX;
        };
        assertThat(Matcher.of(type, "l", pattern).matches(value)).isEqualTo(expected);
    }

    @Test
    void dotMatchesNewlineAsInPrometheus3() {
        assertThat(Matcher.regex("l", "a.c").matches("a\nc")).isTrue();
    }

    @Test
    void printsAValueThePromqlLexerReadsBack() {
        assertThat(Matcher.equal("a", "x\"y\\z\n").toString()).isEqualTo("a=\"x\\\"y\\\\z\\n\"");
        // A raw U+FFFD in a PromQL string is refused as a bad byte, so it is escaped.
        assertThat(Matcher.equal("a", "x\uFFFDy").toString()).isEqualTo("a=\"x\\ufffdy\"");
    }

    @Test
    void pathologicalRegexRunsInLinearTime() {
        assertThat(Matcher.regex("l", "(.*a){12}").matches("aaaaaaaaaaaaaaaaaaaaaaaaaaab")).isFalse();
    }

    @Test
    void invalidRegexIsBadDataNamingIt() {
        assertThatThrownBy(() -> Matcher.regex("l", "a("))
                .isInstanceOf(StrataException.class)
                .hasMessageContaining("invalid regular expression \"a(\"")
                .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.BAD_DATA));
    }

    @Test
    void exposesLiteralSetsAndPrefixesForIndexLookups() {
        assertThat(Matcher.regex("l", "a|b|c").setMatches()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(Matcher.regex("l", "api_.*").literalPrefix()).isEqualTo("api_");
        assertThat(Matcher.regex("l", "a+").setMatches()).isNull();
    }
}
