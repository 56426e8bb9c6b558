package io.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Go and Prometheus text formats the parser and printer reproduce. */
class GoFormatsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0 | 0", "1 | 1", "-2.5 | -2.5", "0.1 | 0.1", "1e21 | 1000000000000000000000", "1e-7 | 0.0000001",
        "123456789.125 | 123456789.125"})
    void formatsLikeFormatFloatF(double v, String expected) {
        assertThat(GoNumbers.formatShortestFixed(v)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0 | 0", "100000 | 100000", "1000000 | 1e+06", "1234567 | 1.234567e+06", "0.0001 | 0.0001",
        "0.00001 | 1e-05", "-23 | -23", "1.5e300 | 1.5e+300"})
    void formatsLikePercentV(double v, String expected) {
        assertThat(GoNumbers.formatShortestGeneral(v)).isEqualTo(expected);
    }

    @Test
    void formatsSpecialValuesAndNegativeZeroAsGo() {
        assertThat(GoNumbers.formatShortestFixed(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(GoNumbers.formatShortestFixed(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(GoNumbers.formatShortestFixed(Double.NaN)).isEqualTo("NaN");
        assertThat(GoNumbers.formatShortestFixed(-0.0)).isEqualTo("-0");
        assertThat(GoNumbers.formatFixed(9.223372036854775807E18, 6)).isEqualTo("9223372036854775808.000000");
        assertThat(GoNumbers.formatFixed(-0.0001, 3)).isEqualTo("-0.000");
        assertThat(GoNumbers.formatFixed(0.0625, 3)).isEqualTo("0.062");
    }

    @Property(tries = 500)
    void shortestFixedFormParsesBackToTheSameDouble(@ForAll double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return;
        }
        assertThat(Double.parseDouble(GoNumbers.formatShortestFixed(v))).isEqualTo(v);
    }

    @Test
    void parsesNumbersAsParseIntThenParseFloat() throws Exception {
        assertThat(GoNumbers.parseNumber("0x_1F")).isEqualTo(31);
        assertThat(GoNumbers.parseNumber("0o17")).isEqualTo(15);
        assertThat(GoNumbers.parseNumber("0b101")).isEqualTo(5);
        assertThat(GoNumbers.parseNumber("9223372036854775808")).isEqualTo(9.223372036854775808E18);
        assertThat(GoNumbers.parseNumber("1_000.5")).isEqualTo(1000.5);
        assertThatThrownBy(() -> GoNumbers.parseNumber("1e400"))
                .hasMessage("strconv.ParseFloat: parsing \"1e400\": value out of range");
        assertThatThrownBy(() -> GoNumbers.parseNumber("0x"))
                .hasMessage("strconv.ParseFloat: parsing \"0x\": invalid syntax");
        assertThatThrownBy(() -> GoNumbers.parseNumber("1__0"))
                .hasMessage("strconv.ParseFloat: parsing \"1__0\": invalid syntax");
    }

    @Test
    void parsesAndFormatsPrometheusDurations() throws Exception {
        assertThat(PromDurations.parseNanos("1y2w3d4h5m6s7ms")).isEqualTo(
                ((((365L + 14 + 3) * 24 + 4) * 60 + 5) * 60 + 6) * 1_000_000_000L + 7_000_000L);
        assertThat(PromDurations.parseNanos("0")).isZero();
        assertThatThrownBy(() -> PromDurations.parseNanos("5m1h")).hasMessage("not a valid duration string: \"5m1h\"");
        assertThatThrownBy(() -> PromDurations.parseNanos("1hs")).hasMessage("unknown unit \"hs\" in duration \"1hs\"");
        assertThatThrownBy(() -> PromDurations.parseNanos("300y")).hasMessage("duration out of range");
        assertThat(PromDurations.format(0)).isEqualTo("0s");
        assertThat(PromDurations.format(5_400_000)).isEqualTo("1h30m");
        assertThat(PromDurations.format(90L * 86_400_000)).isEqualTo("90d");
        assertThat(PromDurations.format(14L * 86_400_000)).isEqualTo("2w");
        assertThat(PromDurations.format(365L * 86_400_000 + 1)).isEqualTo("365d1ms");
        assertThat(PromDurations.format(1001)).isEqualTo("1s1ms");
    }

    @Test
    void quotesAsGoStrconvQuote() {
        assertThat(GoStrings.quote("a\"b\\c\n\u0007\u00e9\u2028\uD83D\uDE00")).isEqualTo("\"a\\\"b\\\\c\\n\\a\u00e9\\u2028\uD83D\uDE00\"");
        assertThat(GoStrings.quote(new byte[] {'a', (byte) 0xff, 'b'}, false)).isEqualTo("\"a\\xffb\"");
        assertThat(GoStrings.quoteRune('\'')).isEqualTo("'\\''");
        assertThat(GoStrings.quoteRune(-1)).isEqualTo("'\uFFFD'");
        assertThat(GoStrings.unicodeSharp('c')).isEqualTo("U+0063 'c'");
        assertThat(GoStrings.unicodeSharp('\n')).isEqualTo("U+000A");
        assertThat(GoStrings.quotePrefix("abcdefghijklmnop", 10)).isEqualTo("\"abcdefghij\"");
    }

    @Test
    void unquotesPromqlStringsToBytes() throws Exception {
        byte[] s = "\"a\\xff\\377\\u00e9\"".getBytes(StandardCharsets.UTF_8);
        assertThat(GoStrings.unquote(s, 0, s.length)).containsExactly('a', 0xff, 0xff, 0xc3, 0xa9);
        byte[] bad = "'\\\"'".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> GoStrings.unquote(bad, 0, bad.length)).isInstanceOf(GoStrings.UnquoteException.class);
    }

    @Test
    void decodesUtf8AsGoDoes() {
        byte[] overlong = {(byte) 0xc0, (byte) 0x80};
        assertThat(GoStrings.width(GoStrings.decodeRune(overlong, 0))).isEqualTo(1);
        assertThat(GoStrings.rune(GoStrings.decodeRune(overlong, 0))).isEqualTo(GoStrings.RUNE_ERROR);
        byte[] surrogate = {(byte) 0xed, (byte) 0xa0, (byte) 0x80};
        assertThat(GoStrings.isValidUtf8(surrogate)).isFalse();
        assertThat(GoStrings.isValidUtf8("é€😀".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(GoStrings.toUtf8("\uD800x")).containsExactly(0xed, 0xa0, 0x80, 'x');
    }
}
