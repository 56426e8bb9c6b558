package io.strata.promql.functions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class GoStrconvTest {
    @ParameterizedTest
    @CsvSource({"0.1, 0.1", ".2, 0.2", "1e0, 1", "2.0e-1, 0.2", "-.2, -0.2", "+Inf, Infinity", "+inf, Infinity",
        "-INF, -Infinity", "infinity, Infinity", "5., 5", "0x1p-2, 0.25", "0x_1p4, 16", "1e-400, 0"})
    void parsesWhatGoParses(String text, double expected) {
        assertThat(GoStrconv.parseFloat(text)).isEqualTo(expected);
    }

    @Test
    void parsesNaN() {
        assertThat(GoStrconv.parseFloat("nan")).isNaN();
        assertThat(GoStrconv.parseFloat("NaN")).isNaN();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Hello World", " 1", "1 ", "1d", "1f", "1_000", "0x10", "1e", ".", "+nan", "infin",
        "1e400", "-1e400", "0x1.8", "Infinityy"})
    void rejectsWhatGoRejects(String text) {
        assertThat(GoStrconv.parseFloat(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"0, 0.0", "1, 1.0", "0.25, 0.25", "-0.1, -0.1", "1000000, 1e+06", "0.0001, 0.0001", "0.00001, 1e-05"})
    void formatsOpenMetricsFloats(double v, String expected) {
        assertThat(GoStrconv.formatOpenMetricsFloat(v)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"10, 10", "7.5, 7.5", "7, 7", "123, 1.2e+02", "0.01, 0.01", "0.00001, 1e-05", "0.125, 0.12",
        "99.5, 1e+02"})
    void formatsWithTwoSignificantDigits(double v, String expected) {
        assertThat(io.strata.promql.parse.GoNumbers.formatGeneral(v, 2)).isEqualTo(expected);
    }
}
