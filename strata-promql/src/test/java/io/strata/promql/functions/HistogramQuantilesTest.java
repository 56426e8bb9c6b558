package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.promql.engine.FunctionTestKit;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HistogramQuantilesTest {
    private static StepSeries bucket(FunctionTestKit kit, String name, String le, Double... counts) {
        return kit.series(Labels.of("__name__", name, "le", le, "job", "a"), counts);
    }

    private static StepVector call(FunctionTestKit kit, String fn) {
        return (StepVector) kit.call(fn, StandardFunctions.table().get(fn));
    }

    @Test
    void groupsBucketsByAllLabelsButLeAndDropsTheName() {
        FunctionTestKit kit = FunctionTestKit.instant(0).scalar(0.5, 19);
        kit.vector(List.of(), 24, bucket(kit, "x_bucket", "+Inf", 30.0), bucket(kit, "x_bucket", "4", 20.0),
                bucket(kit, "x_bucket", "2", 10.0), bucket(kit, "x_bucket", "0", 0.0), bucket(kit, "x_bucket", "6", 30.0));
        StepVector out = call(kit, "histogram_quantile");
        assertThat(out.series()).hasSize(1);
        assertThat(out.series().getFirst().labels()).isEqualTo(Labels.of("job", "a"));
        assertThat(out.series().getFirst().value(0)).isCloseTo(3, within(1e-12));
    }

    @Test
    void parsesLeAsGoDoes() {
        FunctionTestKit kit = FunctionTestKit.instant(0).scalar(0.5, 19);
        kit.vector(List.of(), 24, bucket(kit, "x_bucket", "+inf", 4.0), bucket(kit, "x_bucket", "2e-1", 2.0),
                bucket(kit, "x_bucket", ".1", 1.0));
        assertThat(call(kit, "histogram_quantile").series().getFirst().value(0)).isCloseTo(0.2, within(1e-12));
        assertThat(kit.annotations("q")).isEmpty();
    }

    @Test
    void aMissingOrMalformedLeIsLeftOutWithAWarningNamingTheMetricUnderDelayedRemoval() {
        FunctionTestKit kit = FunctionTestKit.instantDelayedNames(0).scalar(0.8, 19);
        kit.vector(List.of(), 24, kit.series(Labels.of("__name__", "series", "le", "Hello World"), 2.0),
                kit.series(Labels.of("__name__", "series", "ale", "0.1"), 2.0));
        assertThat(call(kit, "histogram_quantile").series()).isEmpty();
        assertThat(kit.annotations("histogram_quantile(0.8, series)")).containsExactlyInAnyOrder(
                "PromQL warning: bucket label \"le\" is missing or has a malformed value of \"Hello World\" for metric "
                        + "name \"series\" (1:25)",
                "PromQL warning: bucket label \"le\" is missing or has a malformed value of \"\" for metric name "
                        + "\"series\" (1:25)");
    }

    @Test
    void theBadBucketWarningHasNoNameWithoutDelayedRemoval() {
        FunctionTestKit kit = FunctionTestKit.instant(0).scalar(0.8, 19);
        kit.vector(List.of(), 24, kit.series(Labels.of("__name__", "series", "le", "1d"), 2.0));
        call(kit, "histogram_quantile");
        assertThat(kit.annotations("histogram_quantile(0.8, series)")).containsExactly(
                "PromQL warning: bucket label \"le\" is missing or has a malformed value of \"1d\" (1:25)");
    }

    @Test
    void anInvalidQuantileWarnsAtTheParameterEvenWithoutInput() {
        FunctionTestKit kit = FunctionTestKit.instant(0).scalar(Double.NaN, 19);
        kit.vector(List.of(Matcher.metricName("non_existent")), 24);
        assertThat(call(kit, "histogram_quantile").series()).isEmpty();
        assertThat(kit.annotations("histogram_quantile(NaN, non_existent)"))
                .containsExactly("PromQL warning: quantile value should be between 0 and 1, got NaN (1:20)");
    }

    @Test
    void forcedMonotonicityIsReportedOnceWithItsSummary() {
        FunctionTestKit kit = FunctionTestKit.range(0, 60_000, 60_000).scalar(0.5, 19);
        kit.vector(List.of(), 24, bucket(kit, "h_bucket", "0.1", 20.0, 20.0), bucket(kit, "h_bucket", "1", 10.0, 10.0),
                bucket(kit, "h_bucket", "+Inf", 80.0, 80.0));
        call(kit, "histogram_quantile");
        assertThat(kit.annotations("histogram_quantile(0.5, h_bucket)")).containsExactly(
                "PromQL info: input to histogram_quantile needed to be fixed for monotonicity (see "
                        + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile), from "
                        + "buckets 1 to 1, with a max diff of 10, over 2 samples from 1970-01-01T00:00:00Z to "
                        + "1970-01-01T00:01:00Z (1:25)");
    }

    @Test
    void forcedMonotonicityNamesTheMetricUnderDelayedRemoval() {
        FunctionTestKit kit = FunctionTestKit.instantDelayedNames(0).scalar(0.5, 19);
        kit.vector(List.of(), 24, bucket(kit, "h_bucket", "1", 3.0), bucket(kit, "h_bucket", "+Inf", 2.0));
        StepSeries s = call(kit, "histogram_quantile").series().getFirst();
        assertThat(s.labels()).isEqualTo(Labels.of("__name__", "h_bucket", "job", "a"));
        assertThat(s.dropName()).isTrue();
        assertThat(kit.annotations("histogram_quantile(0.5, h_bucket)").getFirst())
                .contains("#histogram_quantile) for metric name \"h_bucket\", from buckets +Inf to +Inf");
    }

    @Test
    void quantilesLabelEachQuantileAsOpenMetricsDoes() {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(List.of(), 20, bucket(kit, "x_bucket", "0", 0.0), bucket(kit, "x_bucket", "2", 10.0),
                bucket(kit, "x_bucket", "+Inf", 10.0));
        kit.string("q").scalar(0, 30).scalar(0.5, 33).scalar(1, 38);
        StepVector out = call(kit, "histogram_quantiles");
        assertThat(out.series()).extracting(s -> s.labels().get("q")).containsExactly("0.0", "0.5", "1.0");
        assertThat(out.series()).extracting(s -> s.value(0)).containsExactly(0.0, 1.0, 2.0);
    }

    @Test
    void quantilesReportAForcedFixOncePerHistogramAndStep() {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(List.of(), 20, bucket(kit, "h_bucket", "1", 3.0), bucket(kit, "h_bucket", "+Inf", 2.0));
        kit.string("q").scalar(0.1, 30).scalar(0.9, 35);
        call(kit, "histogram_quantiles");
        assertThat(kit.annotations("histogram_quantiles(h_bucket, \"q\", 0.1, 0.9)")).singleElement()
                .asString().contains("over 1 samples").endsWith("(1:21)");
    }

    @Test
    void fractionOverClassicBuckets() {
        FunctionTestKit kit = FunctionTestKit.instant(0).scalar(0, 19).scalar(4, 22);
        kit.vector(List.of(), 25, bucket(kit, "x_bucket", "0", 0.0), bucket(kit, "x_bucket", "2", 10.0),
                bucket(kit, "x_bucket", "4", 20.0), bucket(kit, "x_bucket", "6", 30.0),
                bucket(kit, "x_bucket", "+Inf", 30.0));
        StepVector out = call(kit, "histogram_fraction");
        assertThat(out.series().getFirst().value(0)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void histogramStatisticsOfFloatsAreEmpty() {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(Labels.of("__name__", "x_count"), 3.0));
        for (String fn : List.of("histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev",
                "histogram_stdvar", "start_timestamp")) {
            assertThat(call(kit, fn).series()).as(fn).isEmpty();
        }
    }
}
