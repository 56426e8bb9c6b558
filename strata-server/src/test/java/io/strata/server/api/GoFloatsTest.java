package io.strata.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected strings are what Go's strconv and encoding/json print for the same doubles. */
class GoFloatsTest {
    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(0.0, "0", "0", "0"),
                Arguments.of(-0.0, "-0", "-0", "-0"),
                Arguments.of(1.0, "1", "1", "1"),
                Arguments.of(-2.5, "-2.5", "-2.5", "-2.5"),
                Arguments.of(0.1, "0.1", "0.1", "0.1"),
                Arguments.of(1.0 / 3, "0.3333333333333333", "0.3333333333333333", "0.3333333333333333"),
                Arguments.of(1.2345678e6, "1234567.8", "1234567.8", "1234567.8"),
                Arguments.of(1.2345678e-6, "0.0000012345678", "0.0000012345678", "0.0000012345678"),
                Arguments.of(1e-6, "0.000001", "0.000001", "0.000001"),
                Arguments.of(1e-7, "0.0000001", "1e-07", "1e-7"),
                Arguments.of(1.2345678e-67, "0." + "0".repeat(66) + "12345678", "1.2345678e-67", "1.2345678e-67"),
                Arguments.of(1e20, "100000000000000000000", "100000000000000000000", "100000000000000000000"),
                Arguments.of(1e21, "1000000000000000000000", "1e+21", "1e+21"),
                Arguments.of(1.5e300, "15" + "0".repeat(299), "1.5e+300", "1.5e+300"),
                Arguments.of(9007199254740993.0, "9007199254740992", "9007199254740992", "9007199254740992"),
                Arguments.of(Double.MAX_VALUE, "17976931348623157" + "0".repeat(292), "1.7976931348623157e+308",
                        "1.7976931348623157e+308"),
                // Java's Double.toString gives 4.9E-324 here; Go's shortest is one digit.
                Arguments.of(Double.MIN_VALUE, "0." + "0".repeat(323) + "5", "5e-324", "5e-324"),
                Arguments.of(2e-323, "0." + "0".repeat(322) + "2", "2e-323", "2e-323"),
                Arguments.of(123456789.125, "123456789.125", "123456789.125", "123456789.125"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void formatsLikeGo(double v, String plain, String sample, String json) {
        assertThat(GoFloats.plain(v)).isEqualTo(plain);
        assertThat(GoFloats.sampleValue(v)).isEqualTo(sample);
        assertThat(GoFloats.jsonNumber(v)).isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void negativesAreTheSameDigitsWithASign(double v, String plain, String sample, String json) {
        if (v == 0) {
            return;
        }
        assertThat(GoFloats.sampleValue(-v)).isEqualTo(v < 0 ? sample.substring(1) : "-" + sample);
    }

    @org.junit.jupiter.api.Test
    void specialValuesAreGosSpellings() {
        assertThat(GoFloats.sampleValue(Double.NaN)).isEqualTo("NaN");
        assertThat(GoFloats.sampleValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(GoFloats.plain(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThatThrownBy(() -> GoFloats.jsonNumber(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void timestampsAlwaysShowThreeDecimalsWhenTheyHaveAny() {
        // The cases of Prometheus's json_codec_test.
        assertThat(GoFloats.timestamp(0)).isEqualTo("0");
        assertThat(GoFloats.timestamp(1)).isEqualTo("0.001");
        assertThat(GoFloats.timestamp(10)).isEqualTo("0.010");
        assertThat(GoFloats.timestamp(100)).isEqualTo("0.100");
        assertThat(GoFloats.timestamp(1000)).isEqualTo("1");
        assertThat(GoFloats.timestamp(1010)).isEqualTo("1.010");
        assertThat(GoFloats.timestamp(1100)).isEqualTo("1.100");
        assertThat(GoFloats.timestamp(12345678123456555L)).isEqualTo("12345678123456.555");
        assertThat(GoFloats.timestamp(-1)).isEqualTo("-0.001");
        assertThat(GoFloats.timestamp(-1500)).isEqualTo("-1.500");
    }

    @org.junit.jupiter.api.Test
    void scalarTimestampsAreShortestFloats() {
        assertThat(GoFloats.secondsNumber(1435781451780L)).isEqualTo("1435781451.78");
        assertThat(GoFloats.secondsNumber(1000)).isEqualTo("1");
        assertThat(GoFloats.secondsNumber(1)).isEqualTo("0.001");
    }

    @Property(tries = 300)
    void bufferedTimestampsEqualStrings(@ForAll long ms) {
        char[] buf = new char[GoFloats.MAX_TIMESTAMP_CHARS];
        assertThat(new String(buf, 0, GoFloats.timestampChars(ms, buf))).isEqualTo(GoFloats.timestamp(ms));
    }

    @Property(tries = 300)
    void bufferedValuesEqualStrings(@ForAll double v) {
        char[] buf = new char[GoFloats.MAX_TIMESTAMP_CHARS];
        int n = GoFloats.sampleValueChars(v, buf);
        if (n >= 0) {
            assertThat(new String(buf, 0, n)).isEqualTo(GoFloats.sampleValue(v));
        }
    }

    @Property(tries = 500)
    void everyValueReadsBackExactly(@ForAll double v) {
        String s = GoFloats.sampleValue(v);
        double back = switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
        assertThat(Double.doubleToLongBits(back)).isEqualTo(Double.doubleToLongBits(v));
    }
}
