package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.Labels;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassicHistogramConversionTest {
    @Test
    void turnsBucketsCountAndSumIntoOneCustomBucketHistogramPerTime() {
        // The load_with_nhcb example of FORMAT.md section 13.
        List<ClassicHistogramConversion.HistogramSeries> out = ClassicHistogramConversion.convert(load(
                "req_bucket", "le", "0.5", "0+1x2",
                "req_bucket", "le", "1", "0+2x2",
                "req_bucket", "le", "+Inf", "0+3x2",
                "req_count", null, null, "0+3x2",
                "req_sum", null, null, "0+1.5x2"));
        assertThat(out).hasSize(1);
        assertThat(out.getFirst().labels()).isEqualTo(Labels.of("__name__", "req", "job", "j"));
        assertThat(out.getFirst().samples()).containsOnlyKeys(0L, 300_000L, 600_000L);
        assertThat(ResultText.histogram(out.getFirst().samples().get(600_000L))).isEqualTo(
                "{{schema:-53 count:6 sum:3 buckets:[2 2 2] custom_values:[0.5 1] counter_reset_hint:unknown}}");
    }

    @Test
    void addsTheInfBucketAndTakesTheCountFromTheHighestBucketWhenMissing() {
        List<ClassicHistogramConversion.HistogramSeries> out = ClassicHistogramConversion.convert(load(
                "x_bucket", "le", "10", "4",
                "x_bucket", "le", "1", "1"));
        assertThat(ResultText.histogram(out.getFirst().samples().get(0L))).isEqualTo(
                "{{schema:-53 count:4 sum:0 buckets:[1 3 0] custom_values:[1 10] counter_reset_hint:unknown}}");
    }

    @Test
    void ignoresBucketsWhoseBoundIsNoNumber() {
        List<ClassicHistogramConversion.HistogramSeries> out = ClassicHistogramConversion.convert(load(
                "x_bucket", "le", "NaN", "9",
                "x_bucket", "le", "abc", "9",
                "x_count", null, null, "2"));
        assertThat(ResultText.histogram(out.getFirst().samples().get(0L))).isEqualTo(
                "{{schema:-53 count:2 sum:0 buckets:[2] counter_reset_hint:unknown}}");
    }

    @Test
    void rejectsCountsThatAreNotCumulativeOrDisagree() {
        assertThatThrownBy(() -> ClassicHistogramConversion.convert(load(
                "x_bucket", "le", "1", "5", "x_bucket", "le", "2", "3")))
                .isInstanceOf(StrataException.class).hasMessageContaining("not cumulative");
        assertThatThrownBy(() -> ClassicHistogramConversion.convert(load(
                "x_bucket", "le", "+Inf", "5", "x_count", null, null, "4")))
                .isInstanceOf(StrataException.class).hasMessageContaining("count mismatch");
        assertThatThrownBy(() -> ClassicHistogramConversion.convert(load("x_count", null, null, "-1")))
                .isInstanceOf(StrataException.class).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> ClassicHistogramConversion.convert(load("x_sum", null, null, "1")))
                .isInstanceOf(StrataException.class).hasMessageContaining("count must be provided");
    }

    @Test
    void aBucketWithoutLeIsAnError() {
        assertThatThrownBy(() -> ClassicHistogramConversion.convert(load("x_bucket", null, null, "1")))
                .isInstanceOf(StrataException.class).hasMessageContaining("expected bucket label");
    }

    /** Series given as name, label name, label value (or nulls), values; all with job="j", every 5m. */
    private static LoadCommand load(String... specs) {
        List<LoadCommand.Series> series = new ArrayList<>();
        for (int i = 0; i < specs.length; i += 4) {
            Labels labels = specs[i + 1] == null
                    ? Labels.of("__name__", specs[i], "job", "j")
                    : Labels.of("__name__", specs[i], "job", "j", specs[i + 1], specs[i + 2]);
            series.add(new LoadCommand.Series(i, labels, SeriesValues.expand(specs[i + 3]), null));
        }
        return new LoadCommand(1, 300_000, true, series);
    }
}
