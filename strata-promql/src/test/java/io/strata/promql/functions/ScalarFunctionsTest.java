package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.promql.engine.FunctionTestKit;
import io.strata.promql.engine.StepScalar;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScalarFunctionsTest {
    private static Object call(FunctionTestKit kit, String name) {
        return kit.call(name, StandardFunctions.table().get(name));
    }

    @Test
    void timeIsEachStepInSeconds() {
        StepScalar t = (StepScalar) call(FunctionTestKit.range(1, 2001, 1000), "time");
        assertThat(t.values()).containsExactly(0.001, 1.001, 2.001);
    }

    @Test
    void queryClockFunctionsAreTheQuerysBoundsInSeconds() {
        FunctionTestKit kit = FunctionTestKit.range(100_000, 130_000, 10_000);
        assertThat(((StepScalar) call(kit, "start")).values()).containsOnly(100.0).hasSize(4);
        assertThat(((StepScalar) call(kit, "end")).values()).containsOnly(130.0);
        assertThat(((StepScalar) call(kit, "range")).values()).containsOnly(30.0);
        assertThat(((StepScalar) call(kit, "step")).values()).containsOnly(10.0);
    }

    @Test
    void rangeAndStepOfAnInstantQueryAreZero() {
        FunctionTestKit kit = FunctionTestKit.instant(100_000);
        assertThat(((StepScalar) call(kit, "range")).at(0)).isZero();
        assertThat(((StepScalar) call(kit, "step")).at(0)).isZero();
        assertThat(((StepScalar) call(kit, "start")).at(0)).isEqualTo(100);
    }

    @Test
    void vectorIsOneUnlabelledSeriesAtEveryStep() {
        FunctionTestKit kit = FunctionTestKit.range(0, 10_000, 5_000).scalarPerStep(new double[] {1, 2, 3}, 7);
        StepVector v = (StepVector) call(kit, "vector");
        assertThat(v.series()).hasSize(1);
        StepSeries s = v.series().getFirst();
        assertThat(s.labels()).isEqualTo(Labels.EMPTY);
        assertThat(new double[] {s.value(0), s.value(1), s.value(2)}).containsExactly(1, 2, 3);
    }

    @Test
    void scalarIsNaNUnlessTheVectorHasExactlyOneElement() {
        FunctionTestKit kit = FunctionTestKit.range(0, 20_000, 10_000);
        kit.vector(kit.series(Labels.of("a", "1"), 1.0, 1.0, null), kit.series(Labels.of("a", "2"), 2.0, null, null));
        StepScalar s = (StepScalar) call(kit, "scalar");
        assertThat(s.at(0)).isNaN();
        assertThat(s.at(1)).isEqualTo(1);
        assertThat(s.at(2)).isNaN();
    }

    @Test
    void timestampOfAnExpressionIsTheStepTimeAndDropsTheName() {
        FunctionTestKit kit = FunctionTestKit.range(0, 60_000, 30_000);
        kit.vector(kit.series(Labels.of("__name__", "m", "a", "1"), 5.0, null, 7.0));
        StepSeries s = ((StepVector) call(kit, "timestamp")).series().getFirst();
        assertThat(s.labels()).isEqualTo(Labels.of("a", "1"));
        assertThat(s.value(0)).isZero();
        assertThat(s.has(1)).isFalse();
        assertThat(s.value(2)).isEqualTo(60);
    }

    @Test
    void minOfAndMaxOfPropagateNaN() {
        FunctionTestKit kit = FunctionTestKit.range(0, 10_000, 10_000).scalarPerStep(new double[] {3, Double.NaN}, 7)
                .scalarPerStep(new double[] {5, 3}, 10);
        StepScalar min = (StepScalar) call(kit, "min_of");
        StepScalar max = (StepScalar) call(kit, "max_of");
        assertThat(min.at(0)).isEqualTo(3);
        assertThat(max.at(0)).isEqualTo(5);
        assertThat(min.at(1)).isNaN();
        assertThat(max.at(1)).isNaN();
    }

    @Test
    void piIsPi() {
        assertThat(((StepScalar) call(FunctionTestKit.instant(0), "pi")).at(0)).isEqualTo(3.141592653589793);
    }
}
