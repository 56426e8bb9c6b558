package io.strata.bench.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibilityProbeTest {
    @Test
    void pollPauseStartsShortGrowsWithTheWaitAndIsCapped() {
        assertThat(VisibilityProbe.pollPause(0)).isEqualTo(200_000);
        assertThat(VisibilityProbe.pollPause(1_000_000)).isEqualTo(200_000);
        assertThat(VisibilityProbe.pollPause(50_000_000)).isEqualTo(5_000_000);
        assertThat(VisibilityProbe.pollPause(5_000_000_000L)).isEqualTo(10_000_000);
    }
}
