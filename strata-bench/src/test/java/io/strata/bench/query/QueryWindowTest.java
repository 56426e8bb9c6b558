package io.strata.bench.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryWindowTest {
    private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");
    private static final QueryWindow WINDOW = new QueryWindow(T, Duration.ofHours(1), Duration.ofSeconds(60));

    @Test
    void rendersAnInstantQueryAtTheEvaluationTime() {
        assertThat(WINDOW.params(QueryKind.INSTANT, "up")).containsExactly(
                Map.entry("query", "up"), Map.entry("time", "1748779200"));
    }

    @Test
    void rendersARangeQueryEndingAtTheEvaluationTime() {
        assertThat(WINDOW.params(QueryKind.RANGE, "up")).containsExactly(
                Map.entry("query", "up"), Map.entry("start", "1748775600"), Map.entry("end", "1748779200"), Map.entry("step", "60"));
        assertThat(WINDOW.rangePoints()).isEqualTo(61);
    }

    @Test
    void writesFractionsOfSecondsWithoutTrailingZeros() {
        assertThat(QueryWindow.seconds(1_748_779_200_500L)).isEqualTo("1748779200.5");
        assertThat(QueryWindow.seconds(250)).isEqualTo("0.25");
        assertThat(QueryWindow.seconds(0)).isEqualTo("0");
        assertThat(QueryWindow.seconds(-1_500)).isEqualTo("-1.5");
    }

    @Test
    void rejectsRangesPrometheusWouldRefuse() {
        assertThatThrownBy(() -> new QueryWindow(T, Duration.ofDays(1), Duration.ofSeconds(1)))
                .hasMessageContaining("more than 11000 points");
        assertThatThrownBy(() -> new QueryWindow(T, Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("--range must be positive");
        assertThatThrownBy(() -> new QueryWindow(T, Duration.ofHours(1), Duration.ZERO)).hasMessageContaining("--step must be at least 1ms");
    }

    @Test
    void targetUrlEncodesThePromqlAndAppendsItsOwnParameters() {
        Target vm = Target.parse("victoriametrics=http://127.0.0.1:8428/").withParam("nocache", "1");
        URI uri = vm.uri(QueryKind.RANGE, WINDOW.params(QueryKind.RANGE, "sum by (mode) (rate(x{a=~\"b.*\"}[5m]))"));
        assertThat(uri.toString()).isEqualTo("http://127.0.0.1:8428/api/v1/query_range"
                + "?query=sum+by+%28mode%29+%28rate%28x%7Ba%3D%7E%22b.*%22%7D%5B5m%5D%29%29"
                + "&start=1748775600&end=1748779200&step=60&nocache=1");
        assertThat(URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8))
                .startsWith("query=sum by (mode) (rate(x{a=~\"b.*\"}[5m]))&");
    }

    @Test
    void targetKeepsAPathPrefix() {
        Target t = Target.parse("vmselect=http://127.0.0.1:8481/select/0/prometheus");
        assertThat(t.uri(QueryKind.INSTANT, Map.of("query", "up")).toString())
                .isEqualTo("http://127.0.0.1:8481/select/0/prometheus/api/v1/query?query=up");
    }

    @Test
    void targetRejectsTextThatIsNotNameEqualsHttpUrl() {
        assertThatThrownBy(() -> Target.parse("http://127.0.0.1:9090")).hasMessageContaining("--target must be NAME=URL");
        assertThatThrownBy(() -> Target.parse("p=")).hasMessageContaining("--target must be NAME=URL");
        assertThatThrownBy(() -> Target.parse("p=ftp://h:1")).hasMessageContaining("must be http(s)");
        assertThatThrownBy(() -> Target.parse("p=http://h:1/?a=b")).hasMessageContaining("without query");
        assertThatThrownBy(() -> Target.parse("p q=http://h:1")).hasMessageContaining("[name=p q]");
        assertThatThrownBy(() -> Target.parse("p=http://h:1/a b")).hasMessageContaining("is not a URL");
    }
}
