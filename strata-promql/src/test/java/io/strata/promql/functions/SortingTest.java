package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.promql.engine.FunctionTestKit;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SortingTest {
    private static List<Labels> order(FunctionTestKit kit, String fn) {
        StepVector out = (StepVector) kit.call(fn, StandardFunctions.table().get(fn));
        return out.series().stream().map(StepSeries::labels).toList();
    }

    private static FunctionTestKit values(double... values) {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        StepSeries[] series = new StepSeries[values.length];
        for (int i = 0; i < values.length; i++) {
            series[i] = kit.series(Labels.of("i", Integer.toString(i)), values[i]);
        }
        return kit.vector(series);
    }

    @Test
    void sortIsAscendingWithNaNLast() {
        assertThat(order(values(300, Double.NaN, 100, 200), "sort"))
                .extracting(l -> l.get("i")).containsExactly("2", "3", "0", "1");
    }

    @Test
    void sortDescIsDescendingWithNaNStillLast() {
        assertThat(order(values(300, Double.NaN, 100, 200), "sort_desc"))
                .extracting(l -> l.get("i")).containsExactly("0", "3", "2", "1");
    }

    @Test
    void sortByLabelUsesNaturalOrderThenAllLabels() {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(Labels.of("cpu", "10", "job", "b"), 1.0), kit.series(Labels.of("cpu", "2", "job", "a"), 1.0),
                kit.series(Labels.of("cpu", "10", "job", "a"), 1.0), kit.series(Labels.of("job", "z"), 1.0));
        kit.string("cpu");
        assertThat(order(kit, "sort_by_label")).containsExactly(Labels.of("job", "z"), Labels.of("cpu", "2", "job", "a"),
                Labels.of("cpu", "10", "job", "a"), Labels.of("cpu", "10", "job", "b"));
    }

    @Test
    void sortByLabelDescReversesEverything() {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(Labels.of("instance", "0", "group", "canary"), 1.0),
                kit.series(Labels.of("instance", "0", "group", "production"), 1.0),
                kit.series(Labels.of("instance", "1", "group", "canary"), 1.0));
        kit.string("instance");
        assertThat(order(kit, "sort_by_label_desc")).containsExactly(Labels.of("instance", "1", "group", "canary"),
                Labels.of("instance", "0", "group", "production"), Labels.of("instance", "0", "group", "canary"));
    }

    @Test
    void sortOverSeveralStepsLeavesTheOrderAndWarns() {
        FunctionTestKit kit = FunctionTestKit.range(0, 60_000, 60_000);
        kit.vector(kit.series(Labels.of("i", "a"), 2.0, 2.0), kit.series(Labels.of("i", "b"), 1.0, 1.0));
        assertThat(order(kit, "sort")).extracting(l -> l.get("i")).containsExactly("a", "b");
        assertThat(kit.annotations("sum(sort(x))")).containsExactly(
                "PromQL warning: sort is ineffective for range queries since results are always ordered by labels (1:1)");
    }

    @Test
    void mergeSortIsStableAndSortsLikeListSort() {
        java.util.Random random = new java.util.Random(42);
        Integer[] items = new Integer[1000];
        for (int i = 0; i < items.length; i++) {
            items[i] = random.nextInt(50) * 1000 + i; // ties on the thousands, original order in the rest
        }
        Integer[] expected = items.clone();
        java.util.Arrays.sort(expected, java.util.Comparator.comparingInt(x -> x / 1000));
        Sorting.mergeSort(items, java.util.Comparator.comparingInt(x -> x / 1000));
        assertThat(items).containsExactly(expected);
    }

    @Test
    void mergeSortSurvivesAComparatorThatBreaksItsContract() {
        Integer[] items = {5, 3, 9, 1, 7, 2, 8, 6, 4, 0, 11, 10, 13, 12, 15, 14, 17, 16, 19, 18, 21, 20, 23, 22, 25, 24,
            27, 26, 29, 28, 31, 30, 33, 32};
        Integer[] original = items.clone();
        Sorting.mergeSort(items, (a, b) -> 1);
        assertThat(items).containsExactlyInAnyOrder(original);
    }

    @Test
    void naturalOrderComparesDigitRunsAsNumbers() {
        assertThat(NaturalOrder.less("4m5", "4m600")).isTrue();
        assertThat(NaturalOrder.less("4m600", "4m1000")).isTrue();
        assertThat(NaturalOrder.less("1.2.3", "1.11.3")).isTrue();
        assertThat(NaturalOrder.less("1.111.3", "1.11.3")).isFalse();
        assertThat(NaturalOrder.less("z2.doc", "z10.doc")).isTrue();
        assertThat(NaturalOrder.less("40X Radonius", "000050X Radonius")).isTrue();
        assertThat(NaturalOrder.less("Alpha 2A-900", "Alpha 2A-8000")).isTrue();
        assertThat(NaturalOrder.less("abc", "abd")).isTrue();
        assertThat(NaturalOrder.less("ab", "abc")).isTrue();
        assertThat(NaturalOrder.less("abc", "abc")).isFalse();
        // Leading zeros make "01" and "1" neither smaller nor larger.
        assertThat(NaturalOrder.less("01", "1")).isFalse();
        assertThat(NaturalOrder.less("1", "01")).isFalse();
    }
}
