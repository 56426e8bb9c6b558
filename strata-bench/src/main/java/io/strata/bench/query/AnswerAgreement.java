package io.strata.bench.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides whether the targets agree on the shape of a query's answers: how many series and how
 * many points. A target that answers fast but returns fewer (or more) series or points than the
 * others is not faster, it is wrong, so the benchmark flags every disagreement instead of
 * reporting its latency as a win. Values are not compared: Prometheus 2.x, 3.x and
 * VictoriaMetrics compute {@code rate} and range windows slightly differently, but over the same
 * data they return the same series and points (except the series of {@code topk} over a range,
 * see {@link BenchmarkQuery#seriesFollowValues}).
 */
final class AnswerAgreement {
    /** The distinct series and point counts of one target's correct answers; both empty when none was correct. */
    record Shape(Set<Integer> series, Set<Long> points) {}

    private AnswerAgreement() {}

    /**
     * The disagreement among {@code byTarget} (in report order), or empty when every target that
     * answered correctly always returned the same shape, and the same as all the others. Series
     * counts are compared across targets only when {@code compareSeries}. Targets without a
     * correct answer are left out: their failures are reported on their own.
     */
    static Optional<String> check(Map<String, Shape> byTarget, boolean compareSeries) {
        Map<String, Shape> answered = byTarget.entrySet().stream()
                .filter(e -> !e.getValue().series().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        boolean unstable = answered.values().stream().anyMatch(s -> s.series().size() > 1 || s.points().size() > 1);
        if (unstable) {
            return Optional.of("answers changed between runs (data still arriving?): "
                    + list(answered, s -> join(s.series()) + " series/" + join(s.points()) + " points"));
        }
        if (compareSeries && distinct(answered, Shape::series) > 1) {
            return Optional.of("targets return different numbers of series: " + list(answered, s -> join(s.series())));
        }
        if (distinct(answered, Shape::points) > 1) {
            return Optional.of("targets return different numbers of points: " + list(answered, s -> join(s.points())));
        }
        return Optional.empty();
    }

    private static long distinct(Map<String, Shape> answered, Function<Shape, Set<? extends Number>> field) {
        return answered.values().stream().flatMap(s -> field.apply(s).stream()).distinct().count();
    }

    private static String list(Map<String, Shape> answered, Function<Shape, String> describe) {
        return answered.entrySet().stream().map(e -> e.getKey() + "=" + describe.apply(e.getValue())).collect(Collectors.joining(" "));
    }

    private static String join(Set<? extends Number> counts) {
        return counts.stream().map(String::valueOf).collect(Collectors.joining("|"));
    }
}
