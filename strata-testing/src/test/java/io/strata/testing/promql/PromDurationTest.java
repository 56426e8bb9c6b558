package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.StrataException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromDurationTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "5m, 300000",
        "1h30m, 5400000",
        "10s53ms, 10053",
        "1d, 86400000",
        "1w, 604800000",
        "1y, 31536000000",
        "0s, 0",
        "90s, 90000",
    })
    void parsesPrometheusDurations(String text, long millis) {
        assertThat(PromDuration.parseMillis(text)).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-5m", "1.5m", "5 m", "m", "5", "5m1h", "1m1m", "5x", "1ms1s", "300000y"})
    void rejectsWhatPrometheusRejects(String text) {
        assertThatThrownBy(() -> PromDuration.parseMillis(text))
                .isInstanceOf(StrataException.class)
                .hasMessageContaining(text.isEmpty() ? "empty duration" : "\"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "90000, 1m30s", "-300000, -5m", "1, 1ms", "3600000, 1h", "93784005, 1d2h3m4s5ms"})
    void formatsTheShortestForm(long millis, String text) {
        assertThat(PromDuration.format(millis)).isEqualTo(text);
    }
}
