package io.strata.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromDurationTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "0s, 0",
        "500ms, 500",
        "1s, 1000",
        "10m, 600000",
        "2h, 7200000",
        "1h30m, 5400000",
        "15d, 1296000000",
        "2w, 1209600000",
        "1y, 31536000000",
        "1d2h3m4s5ms, 93784005"
    })
    void parsesPrometheusDurations(String text, long millis) {
        assertThat(PromDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15", "15x", "h", "1m1h", "1h1h", "1.5h", "-1h", " 1h", "1h ", "1ms1s"})
    void rejectsMalformedDurationsNamingTheValue(String text) {
        assertThatThrownBy(() -> PromDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid duration: \"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "500, 500ms", "5400000, 1h30m", "1296000000, 15d", "1209600000, 2w", "7776000000, 90d",
        "31536000000, 1y", "34214400000, 396d", "32140800000, 372d", "63072000000, 2y", "93784005, 1d2h3m4s5ms", "1209600001, 14d1ms"})
    void formatsLikePrometheus(long millis, String text) {
        assertThat(PromDuration.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @Property(tries = 300)
    void formatThenParseIsIdentity(@ForAll @LongRange(min = 0, max = 10L * 365 * 24 * 3600 * 1000) long millis) {
        Duration d = Duration.ofMillis(millis);
        assertThat(PromDuration.parse(PromDuration.format(d))).isEqualTo(d);
    }

    @org.junit.jupiter.api.Test
    void rejectsOverflow() {
        assertThatThrownBy(() -> PromDuration.parse("99999999999999999y"))
                .hasMessage("duration out of range: \"99999999999999999y\"");
    }
}
