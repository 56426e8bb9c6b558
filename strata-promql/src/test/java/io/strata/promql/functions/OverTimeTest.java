package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.promql.engine.FunctionTestKit;
import io.strata.promql.engine.FunctionTestKit.RawSeries;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OverTimeTest {
    private static final Labels NAMED = Labels.of("__name__", "m", "k", "v");
    private static final double INF = Double.POSITIVE_INFINITY;

    private static StepVector call(FunctionTestKit kit, String fn) {
        return (StepVector) kit.call(fn, StandardFunctions.table().get(fn));
    }

    /** {@code fn(m[1m])} at 55s over samples every 10s, as the corpus loads them. */
    private static double over(String fn, double... values) {
        FunctionTestKit kit = FunctionTestKit.instant(55_000).matrix(60_000, RawSeries.every(NAMED, 10_000, values));
        StepVector out = call(kit, fn);
        assertThat(out.series()).hasSize(1);
        return out.series().getFirst().value(0);
    }

    static Stream<Arguments> averages() {
        return Stream.of(
                Arguments.of(new double[] {1, 2, 3, 4, 5}, 3),
                Arguments.of(new double[] {1, 2, 3, 4, INF}, INF),
                Arguments.of(new double[] {1, 2, 3, INF, -INF}, Double.NaN),
                Arguments.of(new double[] {INF, 0, INF}, INF),
                Arguments.of(new double[] {-INF, 0, -INF}, -INF),
                Arguments.of(new double[] {9.988465674311579e+307, 9.988465674311579e+307}, 9.988465674311579e+307),
                Arguments.of(new double[] {-9.988465674311579e+307, 9.988465674311579e+307}, 0),
                Arguments.of(new double[] {1, 2, 3, Double.NaN, Double.NaN}, Double.NaN),
                Arguments.of(new double[] {1e10, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6}, 1.6666666666666675e+09),
                Arguments.of(new double[] {-1.78264E+215, 0.76342771, 1.9592258, 2.258E+220, 7.69805412,
                    1.78264E+215}, 3.763333333333333e+219));
    }

    @ParameterizedTest
    @MethodSource("averages")
    void avgOverTimeMatchesPrometheus(double[] values, double expected) {
        double actual = over("avg_over_time", values);
        if (Double.isNaN(expected)) {
            assertThat(actual).isNaN();
        } else {
            assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * 1e-12));
        }
    }

    @Test
    void avgOverTimeOfAConstantIsExact() {
        double[] values = new double[13];
        java.util.Arrays.fill(values, 52);
        assertThat(over("avg_over_time", values)).isEqualTo(52);
    }

    @Test
    void sumOverTimeKeepsSmallValuesNextToHugeOnes() {
        FunctionTestKit kit = FunctionTestKit.instant(60_000)
                .matrix(120_000, RawSeries.every(NAMED, 10_000, 1, 1e100, 1, -1e100));
        assertThat(call(kit, "sum_over_time").series().getFirst().value(0)).isEqualTo(2);
        kit = FunctionTestKit.instant(60_000).matrix(120_000, RawSeries.every(NAMED, 10_000, 1, 1e100, 1, -1e100));
        assertThat(call(kit, "avg_over_time").series().getFirst().value(0)).isEqualTo(0.5);
    }

    @Test
    void sumOverTimeOverflowsToInfinity() {
        assertThat(over("sum_over_time", 9.988465674311579e+307, 9.988465674311579e+307)).isEqualTo(INF);
    }

    @Test
    void minAndMaxSkipNaNUnlessAllAreNaN() {
        assertThat(over("min_over_time", 2, 0, Double.NaN)).isZero();
        assertThat(over("min_over_time", Double.NaN, 0, 1)).isZero();
        assertThat(over("max_over_time", 2, Double.NaN, 1)).isEqualTo(2);
        assertThat(over("max_over_time", Double.NaN, Double.NaN, Double.NaN)).isNaN();
    }

    @Test
    void countFirstLastAndPresent() {
        assertThat(over("count_over_time", 2, 0, Double.NaN)).isEqualTo(3);
        assertThat(over("first_over_time", Double.NaN, 0, 1)).isNaN();
        assertThat(over("last_over_time", 2, 0, Double.NaN)).isNaN();
        assertThat(over("present_over_time", 7)).isEqualTo(1);
    }

    @Test
    void lastAndFirstOverTimeKeepTheNameOthersDropIt() {
        FunctionTestKit kit = FunctionTestKit.instant(55_000).matrix(60_000, RawSeries.every(NAMED, 10_000, 1, 2));
        assertThat(call(kit, "last_over_time").series().getFirst().labels()).isEqualTo(NAMED);
        kit = FunctionTestKit.instant(55_000).matrix(60_000, RawSeries.every(NAMED, 10_000, 1, 2));
        assertThat(call(kit, "max_over_time").series().getFirst().labels()).isEqualTo(Labels.of("k", "v"));
    }

    @Test
    void lastOverTimeKeepsTheDropMarkOfASubqueryResult() {
        FunctionTestKit kit = FunctionTestKit.instantDelayedNames(55_000)
                .matrix(60_000, new RawSeries(NAMED, true, new long[] {10_000}, new double[] {1}));
        StepSeries s = call(kit, "last_over_time").series().getFirst();
        assertThat(s.labels()).isEqualTo(NAMED);
        assertThat(s.dropName()).isTrue();
    }

    @Test
    void varianceOfPrometheusExampleAndOfAConstant() {
        FunctionTestKit kit = FunctionTestKit.instant(60_000)
                .matrix(120_000, RawSeries.every(NAMED, 10_000, 0, 8, 8, 2, 3));
        assertThat(call(kit, "stdvar_over_time").series().getFirst().value(0)).isCloseTo(10.56, within(1e-12));
        kit = FunctionTestKit.instant(60_000).matrix(120_000, RawSeries.every(NAMED, 10_000, 0, 8, 8, 2, 3));
        assertThat(call(kit, "stddev_over_time").series().getFirst().value(0)).isCloseTo(3.249615, within(1e-6));
        double c = 1.5990505637277868;
        assertThat(over("stdvar_over_time", c, c, c)).isZero();
    }

    @Test
    void timestampsOfExtremesUseTheLastOfEqualValues() {
        long interval = 10_053;
        double[] values = {1, 2, 3, 0, 5, 6, 2, 1, 4};
        FunctionTestKit kit = FunctionTestKit.instant(90_000).matrix(90_000, RawSeries.every(NAMED, interval, values));
        assertThat(call(kit, "ts_of_min_over_time").series().getFirst().value(0)).isEqualTo(30.159);
        kit = FunctionTestKit.instant(90_000).matrix(90_000, RawSeries.every(NAMED, interval, values));
        assertThat(call(kit, "ts_of_max_over_time").series().getFirst().value(0)).isEqualTo(50.265);
        kit = FunctionTestKit.instant(90_000).matrix(90_000, RawSeries.every(NAMED, interval, 3, 1, 3));
        assertThat(call(kit, "ts_of_max_over_time").series().getFirst().value(0)).isEqualTo(20.106);
        kit = FunctionTestKit.instant(95_000).matrix(90_000, RawSeries.every(NAMED, interval, 1, 2, 3));
        assertThat(call(kit, "ts_of_last_over_time").series().getFirst().value(0)).isEqualTo(20.106);
        kit = FunctionTestKit.instant(95_000).matrix(90_000, RawSeries.every(NAMED, interval, 1, 2, 3));
        assertThat(call(kit, "ts_of_first_over_time").series().getFirst().value(0)).isEqualTo(10.053);
    }

    @Test
    void quantileOverTimeInterpolatesBetweenRanks() {
        FunctionTestKit kit = FunctionTestKit.instant(60_000).scalar(0.75, 19)
                .matrix(List.of(), 120_000, 24, RawSeries.every(NAMED, 10_000, 0, 1, 4));
        assertThat(call(kit, "quantile_over_time").series().getFirst().value(0)).isEqualTo(2.5);
        assertThat(kit.annotations("q")).isEmpty();
    }

    @Test
    void quantileOverTimeOutOfRangeWarnsAtTheParameterOnlyWhenThereAreSamples() {
        FunctionTestKit kit = FunctionTestKit.instant(60_000).scalar(2, 19)
                .matrix(List.of(), 120_000, 22, RawSeries.every(NAMED, 10_000, 0, 1));
        assertThat(call(kit, "quantile_over_time").series().getFirst().value(0)).isEqualTo(INF);
        assertThat(kit.annotations("quantile_over_time(2, data[2m])"))
                .containsExactly("PromQL warning: quantile value should be between 0 and 1, got 2 (1:20)");
        kit = FunctionTestKit.instant(600_000).scalar(Double.NaN, 19)
                .matrix(List.of(), 120_000, 22, RawSeries.every(NAMED, 10_000, 0, 1));
        assertThat(call(kit, "quantile_over_time").series()).isEmpty();
        assertThat(kit.annotations("q")).isEmpty();
    }

    @Test
    void madOverTimeIsTheMedianOfDeviationsFromTheMedian() {
        FunctionTestKit kit = FunctionTestKit.instant(70_000).matrix(70_000,
                RawSeries.every(NAMED, 10_000, 4, 6, 2, 1, 999, 1, 2));
        assertThat(call(kit, "mad_over_time").series().getFirst().value(0)).isEqualTo(1);
        assertThat(over("mad_over_time", 1, 2, Double.NaN, 4)).isNaN();
        assertThat(over("mad_over_time", 5)).isZero();
    }

    @Test
    void aRangeQueryComputesEveryWindow() {
        FunctionTestKit kit = FunctionTestKit.range(0, 40_000, 10_000)
                .matrix(20_000, RawSeries.every(NAMED, 10_000, 1, 2, 3, 4, 5));
        StepSeries s = call(kit, "sum_over_time").series().getFirst();
        assertThat(new double[] {s.value(0), s.value(1), s.value(2), s.value(3), s.value(4)})
                .containsExactly(1, 3, 5, 7, 9);
    }

    @Test
    void slidingMinAndMaxAgreeWithAScanOfEveryWindow() {
        java.util.Random random = new java.util.Random(42);
        double[] pool = {Double.NaN, 0.0, -0.0, 1, 1, 2, -3, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int round = 0; round < 30; round++) {
            int n = 5 + random.nextInt(120);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(3) == 0 ? pool[random.nextInt(pool.length)] : random.nextInt(5);
            }
            long rangeMs = (1 + random.nextInt(8)) * 10_000L;
            long stepMs = (1 + random.nextInt(4)) * 5_000L;
            for (String f : java.util.List.of("max_over_time", "min_over_time")) {
                FunctionTestKit kit = FunctionTestKit.range(0, n * 10_000L, stepMs)
                        .matrix(rangeMs, RawSeries.every(NAMED, 10_000, values));
                StepSeries out = call(kit, f).series().getFirst();
                for (int step = 0; step < out.steps(); step++) {
                    long end = step * stepMs;
                    Double expected = scan(values, end - rangeMs, end, f.startsWith("max"));
                    if (expected == null) {
                        assertThat(out.has(step)).as("%s step %d", f, step).isFalse();
                    } else {
                        assertThat(Double.doubleToRawLongBits(out.value(step)))
                                .as("%s step %d of %s", f, step, java.util.Arrays.toString(values))
                                .isEqualTo(Double.doubleToRawLongBits(expected));
                    }
                }
            }
        }
    }

    /** Prometheus's scan over samples at 0, 10 s, 20 s, ... inside (start, end]; null for none. */
    private static Double scan(double[] values, long start, long end, boolean largest) {
        Double best = null;
        for (int i = 0; i < values.length; i++) {
            long t = i * 10_000L;
            if (t <= start || t > end) {
                continue;
            }
            double v = values[i];
            if (best == null || Double.isNaN(best) || (largest ? v > best : v < best)) {
                best = v;
            }
        }
        return best;
    }
}
