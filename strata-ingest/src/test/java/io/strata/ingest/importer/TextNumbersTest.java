package io.strata.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextNumbersTest {
    @ParameterizedTest
    @CsvSource({
        "1700000000.789, 1700000000789",
        "1700000000.1, 1700000000100",
        "1700000000.12399, 1700000000123",
        "1700000000, 1700000000000",
        "-1.5, -1500",
        "1.5e9, 1500000000000",
        "0.001, 1",
    })
    void secondsBecomeExactMilliseconds(String seconds, long millis) {
        assertThat(TextNumbers.secondsToMillis(seconds)).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "NaN", "+Inf", "1x", "1e400000"})
    void rejectsTimestampsThatAreNotFiniteSeconds(String text) {
        assertThatThrownBy(() -> TextNumbers.secondsToMillis(text)).isInstanceOf(NumberFormatException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "1, 1.0", "1.0, 1.0", "2.50, 2.5", "+Inf, +Inf", "inf, +Inf", "-Inf, -Inf", "1000000, 1e+06",
        "123456, 123456.0", "0.0001, 0.0001", "0.00001, 1e-05", "1e3, 1000.0", "abc, abc", "0.5, 0.5",
    })
    void floatLabelsTakeGoCanonicalForm(String in, String out) {
        assertThat(TextNumbers.canonicalFloatLabel(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1f", "1d", "one", "", "0x"})
    void rejectsValuesGoRejects(String text) {
        assertThatThrownBy(() -> TextNumbers.parseFloat(text)).isInstanceOf(NumberFormatException.class);
    }
}
