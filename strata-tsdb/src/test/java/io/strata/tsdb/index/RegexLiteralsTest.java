package io.strata.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegexLiteralsTest {
    @Test
    void escapedPunctuationIsLiteral() {
        assertThat(RegexLiterals.alternation("10\\.0\\.0\\.1:9100|10\\.0\\.0\\.2:9100"))
                .containsExactly("10.0.0.1:9100", "10.0.0.2:9100");
        assertThat(RegexLiterals.alternation("a\\|b")).containsExactly("a|b");
        assertThat(RegexLiterals.alternation("a|")).containsExactly("a", "");
        assertThat(RegexLiterals.alternation("/var/log-1")).containsExactly("/var/log-1");
    }

    @Test
    void anythingWithRegexMeaningIsNot() {
        assertThat(RegexLiterals.alternation("a.b")).isNull();
        assertThat(RegexLiterals.alternation("\\d+")).isNull();
        assertThat(RegexLiterals.alternation("\\x41")).isNull();
        assertThat(RegexLiterals.alternation("(?i)a")).isNull();
        assertThat(RegexLiterals.alternation("a\\")).isNull();
        assertThat(RegexLiterals.alternation("[ab]")).isNull();
    }

    @Test
    void prefixNeedsALiteralBeforeDotStar() {
        assertThat(RegexLiterals.prefix("10\\.0\\..*")).isEqualTo("10.0.");
        assertThat(RegexLiterals.prefix("a\\.*")).as("zero or more dots, not a prefix").isNull();
        assertThat(RegexLiterals.prefix("a|b.*")).isNull();
        assertThat(RegexLiterals.prefix("a.b.*")).isNull();
    }

    @Test
    void requiredLiteralsOfConcatenations() {
        assertThat(RegexLiterals.requiredPrefix("host-0[0-4][0-9]{3}\\.example\\.com:9100")).isEqualTo("host-0");
        assertThat(RegexLiterals.requiredSuffix("host-0[0-4][0-9]{3}\\.example\\.com:9100"))
                .isEqualTo(".example.com:9100");
        assertThat(RegexLiterals.requiredPrefix("abc+d")).as("a quantified literal is optional").isEqualTo("ab");
        assertThat(RegexLiterals.requiredSuffix("abc+")).isEmpty();
        assertThat(RegexLiterals.requiredPrefix("a|b")).isEmpty();
        assertThat(RegexLiterals.requiredSuffix("(?i)abc")).as("flags change what matches").isEmpty();
        assertThat(RegexLiterals.requiredSuffix("a\\pL")).as("escapes we do not parse").isEmpty();
        assertThat(RegexLiterals.requiredSuffix("x[]a]b")).isEqualTo("b");
        assertThat(RegexLiterals.requiredSuffix("x[[:alpha:]]yz")).isEqualTo("yz");
    }
}
