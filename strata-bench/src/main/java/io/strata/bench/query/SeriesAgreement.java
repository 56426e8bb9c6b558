package io.strata.bench.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether the targets agree on how many series a query returns. A target that answers
 * fast but returns fewer (or more) series than the others is not faster, it is wrong, so the
 * benchmark flags every disagreement instead of reporting its latency as a win. Values are not
 * compared: Prometheus 2.x, 3.x and VictoriaMetrics compute {@code rate} and range windows
 * slightly differently, but over the same data they return the same series.
 */
final class SeriesAgreement {
    private SeriesAgreement() {}

    /**
     * The disagreement among {@code countsByTarget} (target name to the distinct series counts of
     * its correct answers, in report order), or empty when every target that answered correctly
     * always returned the same count as all the others. Targets without a correct answer are left
     * out: their failures are reported on their own.
     */
    static Optional<String> check(Map<String, Set<Integer>> countsByTarget) {
        Map<String, Set<Integer>> answered = countsByTarget.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        boolean unstable = answered.values().stream().anyMatch(s -> s.size() > 1);
        long distinct = answered.values().stream().flatMap(Set::stream).distinct().count();
        if (!unstable && distinct <= 1) {
            return Optional.empty();
        }
        String counts = answered.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().stream().map(String::valueOf).collect(Collectors.joining("|")))
                .collect(Collectors.joining(" "));
        if (distinct > 1 && answered.size() > 1 && !unstable) {
            return Optional.of("targets return different numbers of series: " + counts);
        }
        return Optional.of("series counts changed between runs (data still arriving?): " + counts);
    }
}
