package io.strata.promql.functions;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.promql.engine.FunctionTestKit;
import io.strata.promql.engine.FunctionTestKit.RawSeries;
import io.strata.promql.engine.StepVector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RegressionAndSmoothingTest {
    private static final long MINUTE = 60_000;
    private static final Labels NAMED = Labels.of("__name__", "m");
    /** testcounter_reset_middle_total from functions.test: 0+10x4 0+10x5 every 5m. */
    private static final double[] RESET_MIDDLE = {0, 10, 20, 30, 40, 0, 10, 20, 30, 40, 50};

    private static double only(FunctionTestKit kit, String fn) {
        StepVector out = (StepVector) kit.call(fn, StandardFunctions.table().get(fn));
        assertThat(out.series()).hasSize(1);
        return out.series().getFirst().value(0);
    }

    @Test
    void derivIsTheLeastSquaresSlope() {
        FunctionTestKit kit = FunctionTestKit.instant(50 * MINUTE)
                .matrix(100 * MINUTE, RawSeries.every(NAMED, 5 * MINUTE, RESET_MIDDLE));
        assertThat(only(kit, "deriv")).isCloseTo(0.010606060606060607, within(1e-15));
    }

    @Test
    void derivOfInfinitiesIsNaN() {
        FunctionTestKit kit = FunctionTestKit.instant(10 * MINUTE).matrix(10 * MINUTE,
                RawSeries.every(NAMED, 5 * MINUTE, Double.NEGATIVE_INFINITY, 0, Double.POSITIVE_INFINITY));
        assertThat(only(kit, "deriv")).isNaN();
    }

    @Test
    void derivOfAConstantIsZeroAndOfOneSampleIsNothing() {
        FunctionTestKit kit = FunctionTestKit.instant(10 * MINUTE)
                .matrix(10 * MINUTE, RawSeries.every(NAMED, 5 * MINUTE, 3, 3, 3));
        assertThat(only(kit, "deriv")).isZero();
        kit = FunctionTestKit.instant(10 * MINUTE).matrix(5 * MINUTE, RawSeries.every(NAMED, 5 * MINUTE, 3, 3, 3));
        assertThat(((StepVector) kit.call("deriv", StandardFunctions.table().get("deriv"))).series()).isEmpty();
    }

    @Test
    void predictLinearExtendsTheLineFromTheEvaluationTime() {
        FunctionTestKit kit = FunctionTestKit.instant(50 * MINUTE)
                .matrix(50 * MINUTE, RawSeries.every(NAMED, 5 * MINUTE, RESET_MIDDLE)).scalar(3600, 40);
        assertThat(only(kit, "predict_linear")).isCloseTo(70, within(1e-9));
    }

    @Test
    void predictLinearOfAConstantInfinityIsNaN() {
        FunctionTestKit kit = FunctionTestKit.instant(5 * MINUTE).matrix(10 * MINUTE,
                RawSeries.every(NAMED, 5 * MINUTE, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).scalar(60, 9);
        assertThat(only(kit, "predict_linear")).isNaN();
    }

    @Test
    void doubleExponentialSmoothingFollowsALinearTrend() {
        double[] values = new double[7];
        for (int i = 0; i < values.length; i++) {
            values[i] = 10 * i;
        }
        FunctionTestKit kit = FunctionTestKit.instant(60_000)
                .matrix(60_000, RawSeries.every(NAMED, 10_000, values)).scalar(0.01, 10).scalar(0.1, 20);
        assertThat(only(kit, "double_exponential_smoothing")).isCloseTo(60, within(1e-9));
    }

    @Test
    void doubleExponentialSmoothingRejectsFactorsOutsideTheOpenUnitInterval() {
        // A single sample is too few to smooth, yet the factors are checked.
        FunctionTestKit kit = FunctionTestKit.instant(60_000)
                .matrix(60_000, RawSeries.of(NAMED, new long[] {30_000}, new double[] {1})).scalar(1, 10)
                .scalar(0.1, 20);
        assertThatThrownBy(() -> kit.call("double_exponential_smoothing",
                StandardFunctions.table().get("double_exponential_smoothing")))
                .isInstanceOf(StrataException.class)
                .hasMessage("invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000")
                .extracting(e -> ((StrataException) e).code()).isEqualTo(ErrorCode.EXECUTION);
        FunctionTestKit trend = FunctionTestKit.instant(60_000)
                .matrix(60_000, RawSeries.every(NAMED, 20_000, 1, 2, 3)).scalar(0.5, 10).scalar(Double.NaN, 20);
        assertThatThrownBy(() -> trend.call("double_exponential_smoothing",
                StandardFunctions.table().get("double_exponential_smoothing")))
                .hasMessage("invalid trend factor. Expected: 0 < tf < 1, got: NaN");
    }

    @Test
    void doubleExponentialSmoothingDoesNotCheckFactorsWithoutSamples() {
        FunctionTestKit kit = FunctionTestKit.instant(600_000)
                .matrix(60_000, RawSeries.every(NAMED, 10_000, 1)).scalar(5, 10).scalar(5, 20);
        StepVector out = (StepVector) kit.call("double_exponential_smoothing",
                StandardFunctions.table().get("double_exponential_smoothing"));
        assertThat(out.series()).isEmpty();
    }

    @Test
    void changesAndResetsCountPairs() {
        double[] foo = {1, 2, 3, 0, 1, 0, 0, 1, 2, 0};
        FunctionTestKit kit = FunctionTestKit.instant(50 * MINUTE).matrix(50 * MINUTE,
                RawSeries.every(NAMED, 5 * MINUTE, foo));
        assertThat(only(kit, "changes")).isEqualTo(7);
        kit = FunctionTestKit.instant(50 * MINUTE).matrix(50 * MINUTE, RawSeries.every(NAMED, 5 * MINUTE, foo));
        assertThat(only(kit, "resets")).isEqualTo(3);
    }

    @Test
    void anchoredChangesStartAtTheLastSampleBeforeTheRange() {
        RawSeries sparse = RawSeries.of(NAMED, new long[] {0, 2 * MINUTE, 8 * MINUTE}, new double[] {2, 1, 0});
        FunctionTestKit kit = FunctionTestKit.instant(2 * MINUTE).anchoredMatrix(MINUTE, 5 * MINUTE, sparse);
        assertThat(only(kit, "changes")).isEqualTo(1);
        // At 8m the sample at 2m is exactly one lookback before the range start: outside it.
        kit = FunctionTestKit.instant(8 * MINUTE).anchoredMatrix(MINUTE, 5 * MINUTE, sparse);
        assertThat(only(kit, "changes")).isZero();
        // Without a sample inside the range there is nothing to measure.
        kit = FunctionTestKit.instant(3 * MINUTE).anchoredMatrix(MINUTE, 5 * MINUTE, sparse);
        assertThat(((StepVector) kit.call("changes", StandardFunctions.table().get("changes"))).series()).isEmpty();
        kit = FunctionTestKit.instant(2 * MINUTE).anchoredMatrix(MINUTE, 5 * MINUTE, sparse);
        assertThat(only(kit, "resets")).isEqualTo(1);
    }

    @Test
    void changesBetweenNaNsDoNotCount() {
        FunctionTestKit kit = FunctionTestKit.instant(15 * MINUTE).matrix(20 * MINUTE,
                RawSeries.every(NAMED, 5 * MINUTE, Double.NaN, Double.NaN, Double.NaN),
                RawSeries.every(Labels.of("a", "c"), 5 * MINUTE, 0, Double.NaN, 0));
        StepVector out = (StepVector) kit.call("changes", StandardFunctions.table().get("changes"));
        assertThat(out.series()).extracting(s -> s.value(0)).containsExactly(0.0, 2.0);
    }
}
