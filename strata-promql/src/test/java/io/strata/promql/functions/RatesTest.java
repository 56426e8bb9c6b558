package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.promql.engine.FunctionTestKit;
import io.strata.promql.engine.FunctionTestKit.RawSeries;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RatesTest {
    private static final long MINUTE = 60_000;

    private static StepVector call(FunctionTestKit kit, String name) {
        return (StepVector) kit.call(name, StandardFunctions.table().get(name));
    }

    private static double only(StepVector v) {
        assertThat(v.series()).hasSize(1);
        return v.series().getFirst().value(0);
    }

    @Test
    void increaseExtrapolatesToTheRangeEdgesButNotBelowZero() {
        // Values 10+10x10 every 5m, from functions.test: the series would reach 0 at -5m, so the
        // extrapolation by half an interval (2m30s) is taken and the increase is 105.
        double[] dings = new double[11];
        double[] bumms = new double[11];
        for (int i = 0; i <= 10; i++) {
            dings[i] = 10 + 10 * i;
            bumms[i] = 1 + 10 * i;
        }
        FunctionTestKit kit = FunctionTestKit.instant(50 * MINUTE)
                .matrix(100 * MINUTE, RawSeries.every(Labels.of("path", "/dings"), 5 * MINUTE, dings));
        assertThat(only(call(kit, "increase"))).isCloseTo(105, within(1e-9));
        // "bumms" starts at 1 and would reach 0 after 30s: extrapolation stops there.
        kit = FunctionTestKit.instant(50 * MINUTE)
                .matrix(100 * MINUTE, RawSeries.every(Labels.of("path", "/bumms"), 5 * MINUTE, bumms));
        assertThat(only(call(kit, "increase"))).isCloseTo(101, within(1e-9));
    }

    /**
     * testcounter_zero_cutoff_total of functions.test. Prometheus 3 first limits the left
     * extrapolation to half an interval and then to the counter's zero point; 2.x did it the other
     * way round, which gives 0.65 instead of 0.6 for the "3m" series.
     */
    @Test
    void leftExtrapolationStopsAtHalfAnIntervalThenAtZero() {
        double[] expected = {0.5, 0.55, 0.6, 0.6, 0.6, 0.6};
        for (int start = 0; start < 6; start++) {
            double[] values = new double[11];
            for (int i = 0; i < values.length; i++) {
                values[i] = 60 * start + 240 * i;
            }
            FunctionTestKit kit = FunctionTestKit.instant(10 * MINUTE)
                    .matrix(20 * MINUTE, RawSeries.every(Labels.of("__name__", "c_total"), 4 * MINUTE, values));
            assertThat(only(call(kit, "rate"))).as("start %dm", start).isCloseTo(expected[start], within(1e-12));
        }
    }

    @Test
    void deltaExtrapolatesAGaugeBothWays() {
        FunctionTestKit kit = FunctionTestKit.instant(20 * MINUTE)
                .matrix(20 * MINUTE, RawSeries.every(Labels.of("path", "/bar"), 5 * MINUTE, 200, 150, 100, 50, 0));
        assertThat(only(call(kit, "delta"))).isCloseTo(-200, within(1e-9));
    }

    @Test
    void rateCountsACounterResetAsAnIncreaseFromZero() {
        // 0 1 2 3 2 3 4 every 5m: the drop to 2 is a reset, so the increase over 30m is 7.
        FunctionTestKit kit = FunctionTestKit.instant(30 * MINUTE)
                .matrix(30 * MINUTE, RawSeries.every(Labels.of("__name__", "x_total"), 5 * MINUTE, 0, 1, 2, 3, 2, 3, 4));
        assertThat(only(call(kit, "increase"))).isCloseTo(7, within(1e-9));
    }

    @Test
    void rateOfASingleSampleWindowHasNoValue() {
        FunctionTestKit kit = FunctionTestKit.instant(50 * MINUTE)
                .matrix(5 * MINUTE, RawSeries.every(Labels.of("__name__", "x_total"), 5 * MINUTE, 0, 10, 20, 30, 40, 50,
                        60, 70, 80, 90, 0));
        assertThat(call(kit, "rate").series()).isEmpty();
    }

    @Test
    void rateOfANonCounterNameAddsAnInfoAtTheSelector() {
        FunctionTestKit kit = FunctionTestKit.instant(10 * MINUTE)
                .matrix(java.util.List.of(), 10 * MINUTE, 5,
                        RawSeries.every(Labels.of("__name__", "requests", "job", "a"), MINUTE, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                                10, 11),
                        RawSeries.every(Labels.of("__name__", "requests_total", "job", "a"), MINUTE, 1, 2, 3, 4, 5, 6, 7,
                                8, 9, 10, 11));
        StepVector out = call(kit, "rate");
        assertThat(out.series()).hasSize(2);
        assertThat(out.series()).extracting(StepSeries::labels).containsOnly(Labels.of("job", "a"));
        assertThat(kit.annotations("rate(requests[10m])")).containsExactly(
                "PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "
                        + "\"requests\" (1:6)");
    }

    @Test
    void irateOfNaNIsNaNAndOfAResetIsTheLastValue() {
        FunctionTestKit kit = FunctionTestKit.instant(10 * MINUTE)
                .matrix(10 * MINUTE, RawSeries.every(Labels.of("a", "nan"), 5 * MINUTE, 1, Double.NaN, 5),
                        RawSeries.every(Labels.of("a", "reset"), 5 * MINUTE, 1, 10, 4));
        StepVector out = call(kit, "irate");
        // NaN then 5: not a decrease, so 5 - NaN.
        assertThat(out.series().get(0).value(0)).isNaN();
        assertThat(out.series().get(1).value(0)).isCloseTo(4 / 300.0, within(1e-12));
    }
}
