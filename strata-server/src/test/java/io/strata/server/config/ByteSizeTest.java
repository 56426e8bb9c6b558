package io.strata.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "512, 512",
        "512B, 512",
        "1KB, 1024",
        "1KiB, 1024",
        "512MiB, 536870912",
        "512MB, 536870912",
        "10GB, 10737418240",
        "10gb, 10737418240",
        "2TiB, 2199023255552",
        "1PB, 1125899906842624"
    })
    void parsesSizesInPowersOf1024LikePrometheus(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GB", "1.5GB", "10XB", "-1", "1 G"})
    void rejectsMalformedSizes(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).hasMessageStartingWith("not a valid byte size: \"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1000, 1000B", "1024, 1KiB", "33554432, 32MiB", "1536, 1536B"})
    void formatsTheShortestExactForm(long bytes, String text) {
        assertThat(ByteSize.format(bytes)).isEqualTo(text);
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }
}
