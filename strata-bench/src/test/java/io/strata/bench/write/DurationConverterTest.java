package io.strata.bench.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    @ParameterizedTest
    @CsvSource({"10s, 10000", "500ms, 500", "5m, 300000", "2h, 7200000", "1d, 86400000", "1h30m, 5400000", "1.5s, 1500"})
    void parsesPrometheusDurations(String text, long millis) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "10x", "1h 30m", "-5s", "10s!"})
    void rejectsTextThatIsNotADurationNamingIt(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'" + text + "' is not a duration");
    }

    @ParameterizedTest
    @CsvSource({"5400000, 1h30m", "10000, 10s", "250, 250ms", "0, 0s"})
    void formatsTheWayItParses(long millis, String text) {
        assertThat(DurationConverter.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
