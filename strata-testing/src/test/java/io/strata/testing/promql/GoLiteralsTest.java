package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoLiteralsTest {
    @ParameterizedTest
    @CsvSource({
        "42, 42",
        "-1.5e3, -1500",
        "0x1f, 31",
        "010, 8",
        "09, 9",
        "0b101, 5",
        "0o17, 15",
        "1_000, 1000",
        ".5, 0.5",
        "2., 2",
        "+3, 3",
        "0x1p-2, 0.25",
        "9223372036854775808, 9223372036854775808",
    })
    void numbersAreWhatParseIntThenParseFloatAccept(String text, double value) {
        assertThat(GoLiterals.parseNumber(text)).hasValue(value);
    }

    @Test
    void infinitiesAndNaNInAnyCase() {
        assertThat(GoLiterals.parseNumber("+Inf")).hasValue(Double.POSITIVE_INFINITY);
        assertThat(GoLiterals.parseNumber("-inf")).hasValue(Double.NEGATIVE_INFINITY);
        assertThat(GoLiterals.parseNumber("Infinity")).hasValue(Double.POSITIVE_INFINITY);
        assertThat(GoLiterals.parseNumber("NaN").getAsDouble()).isNaN();
        assertThat(GoLiterals.parseNumber("nan").getAsDouble()).isNaN();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-NaN", "abc", "0x", "1e", "1_", "_1", "1__0", "{} 1", "1 2", "Infin", "5m", "1f"})
    void rejectsWhatGoRejects(String text) {
        assertThat(GoLiterals.parseNumber(text)).isEqualTo(OptionalDouble.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '^', ignoreLeadingAndTrailingWhitespace = false, value = {
        "\"Foo\"|Foo",
        "`Foo`|Foo",
        "\" Foo \"| Foo ",
        "\"a\\tb\"|a\tb",
        "\"\\u70ac\"|\u70ac",
        "\"\\x41\\101\"|AA",
        "'a'|a",
        "`a\\tb`|a\\tb",
    })
    void unquotesLikeStrconv(String quoted, String value) {
        assertThat(GoLiterals.unquote(quoted)).isEqualTo(value);
    }

    @Test
    void unquotesTheEmptyString() {
        assertThat(GoLiterals.unquote("\"\"")).isEmpty();
        assertThat(GoLiterals.unquote("``")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Foo", "\"Foo", "\"a\\'\"", "'ab'", "\"a\\q\"", "\"a\"b\"", "`a`b`", "\""})
    void rejectsBadQuoting(String text) {
        assertThatThrownBy(() -> GoLiterals.unquote(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
