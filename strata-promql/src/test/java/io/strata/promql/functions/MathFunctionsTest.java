package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.promql.engine.FunctionTestKit;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MathFunctionsTest {
    private static final Labels METRIC = Labels.of("__name__", "m", "l", "x");

    private static double apply(String fn, double v) {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(METRIC, v));
        StepVector out = (StepVector) kit.call(fn, StandardFunctions.table().get(fn));
        return out.series().getFirst().value(0);
    }

    /** Values from Prometheus's trig_functions.test and functions.test (which computes trig - 10.1). */
    static Stream<Arguments> prometheusValues() {
        return Stream.of(
                Arguments.of("sin", 10, -0.5440211108893699),
                Arguments.of("cos", 20, 0.40808206181339196),
                Arguments.of("tan", 10, 0.6483608274590867),
                Arguments.of("asin", 10 - 10.1, -0.10016742116155944),
                Arguments.of("acos", 10 - 10.1, 1.670963747956456),
                Arguments.of("atan", 20, 1.5208379310729538),
                Arguments.of("sinh", 20, 2.4258259770489514e+08),
                Arguments.of("cosh", 10, 11013.232920103324),
                Arguments.of("tanh", 10, 0.9999999958776927),
                Arguments.of("asinh", 10, 2.99822295029797),
                Arguments.of("asinh", 20, 3.6895038689889055),
                Arguments.of("acosh", 10, 2.993222846126381),
                Arguments.of("acosh", 20, 3.6882538673612966),
                Arguments.of("atanh", 10 - 10.1, -0.10033534773107522),
                Arguments.of("rad", 10, 0.17453292519943295),
                Arguments.of("deg", 20, 1145.9155902616465),
                Arguments.of("exp", 20, 485165195.4097903),
                Arguments.of("ln", 20, 2.995732273553991),
                Arguments.of("log2", 10, 3.3219280948873626),
                Arguments.of("log10", 20, 1.301029995663981),
                Arguments.of("sqrt", 10, 3.1622776601683795));
    }

    @ParameterizedTest
    @MethodSource("prometheusValues")
    void matchesPrometheus(String fn, double input, double expected) {
        assertThat(apply(fn, input)).isCloseTo(expected, within(Math.abs(expected) * 1e-15));
    }

    @Test
    void logarithmsOfPowersAreExactAndOfZeroAndNegativesFollowIeee() {
        assertThat(apply("log2", 1024)).isEqualTo(10);
        assertThat(apply("log2", 0x1p-1060)).isEqualTo(-1060); // subnormal
        assertThat(apply("log10", 10)).isCloseTo(1, within(1e-15));
        assertThat(apply("ln", 0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(apply("log2", -1)).isNaN();
        assertThat(apply("log10", Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void inverseHyperbolicsHaveTheirDomains() {
        assertThat(apply("acosh", 0.5)).isNaN();
        assertThat(apply("acosh", 1)).isZero();
        assertThat(apply("atanh", 1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(apply("atanh", -1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(apply("atanh", 1.5)).isNaN();
        assertThat(apply("asinh", -1e300)).isCloseTo(-691.4686750787736, within(1e-12));
        assertThat(apply("asinh", 1e-30)).isEqualTo(1e-30);
        assertThat(apply("asinh", Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void sgnKeepsZeroesAndNaN() {
        assertThat(apply("sgn", -50)).isEqualTo(-1);
        assertThat(apply("sgn", Double.POSITIVE_INFINITY)).isEqualTo(1);
        assertThat(apply("sgn", Double.NaN)).isNaN();
        assertThat(Double.doubleToRawLongBits(apply("sgn", -0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void elementwiseFunctionsDropTheName() {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(METRIC, 2.5));
        StepVector out = (StepVector) kit.call("abs", StandardFunctions.table().get("abs"));
        assertThat(out.series().getFirst().labels()).isEqualTo(Labels.of("l", "x"));
    }

    @Test
    void elementwiseFunctionsOnlyMarkTheNameUnderDelayedRemoval() {
        FunctionTestKit kit = FunctionTestKit.instantDelayedNames(0);
        kit.vector(kit.series(METRIC, 2.5));
        StepSeries s = ((StepVector) kit.call("ceil", StandardFunctions.table().get("ceil"))).series().getFirst();
        assertThat(s.labels()).isEqualTo(METRIC);
        assertThat(s.dropName()).isTrue();
        assertThat(s.value(0)).isEqualTo(3);
    }

    @Test
    void roundTiesUpAndUsesTheInverseOfToNearest() {
        assertThat(apply("round", 2.5)).isEqualTo(3);
        assertThat(apply("round", -2.5)).isEqualTo(-2);
        assertThat(Double.doubleToRawLongBits(apply("round", -0.0))).isEqualTo(Double.doubleToRawLongBits(0.0));
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(METRIC, 5.55)).scalar(0.1, 10);
        StepVector out = (StepVector) kit.call("round", StandardFunctions.table().get("round"));
        // floor(5.55 * 10 + 0.5) / 10, dividing by the inverse as Prometheus does.
        assertThat(out.series().getFirst().value(0)).isEqualTo(Math.floor(5.55 * (1 / 0.1) + 0.5) / (1 / 0.1));
    }

    @Test
    void clampClampsPerStepAndGivesNothingWhereMaxIsBelowMin() {
        FunctionTestKit kit = FunctionTestKit.range(0, 120_000, 60_000);
        kit.vector(kit.series(METRIC, -50.0, 100.0, 7.0))
                .scalarPerStep(new double[] {-25, -25, 10}, 10)
                .scalarPerStep(new double[] {75, 75, 5}, 20);
        StepVector out = (StepVector) kit.call("clamp", StandardFunctions.table().get("clamp"));
        StepSeries s = out.series().getFirst();
        assertThat(s.value(0)).isEqualTo(-25);
        assertThat(s.value(1)).isEqualTo(75);
        assertThat(s.has(2)).isFalse();
    }

    @Test
    void clampWithANaNBoundIsNaN() {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(METRIC, 100.0)).scalar(0, 10).scalar(Double.NaN, 20);
        StepVector out = (StepVector) kit.call("clamp", StandardFunctions.table().get("clamp"));
        assertThat(out.series().getFirst().value(0)).isNaN();
    }

    @Test
    void clampWithReversedBoundsReturnsNoSeries() {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(METRIC, 1.0)).scalar(5, 10).scalar(-5, 20);
        assertThat(((StepVector) kit.call("clamp", StandardFunctions.table().get("clamp"))).series()).isEmpty();
    }

    @Test
    void clampMinAndMaxLeaveTheOtherSideOpen() {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(METRIC, -50.0), kit.series(Labels.of("l", "y"), 100.0)).scalar(-25, 10);
        StepVector out = (StepVector) kit.call("clamp_min", StandardFunctions.table().get("clamp_min"));
        assertThat(out.series()).extracting(s -> s.value(0)).containsExactly(-25.0, 100.0);
        kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(METRIC, -50.0), kit.series(Labels.of("l", "y"), 100.0)).scalar(75, 10);
        out = (StepVector) kit.call("clamp_max", StandardFunctions.table().get("clamp_max"));
        assertThat(out.series()).extracting(s -> s.value(0)).containsExactly(-50.0, 75.0);
    }
}
