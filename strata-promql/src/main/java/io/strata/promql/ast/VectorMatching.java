package io.strata.promql.ast;

import java.util.List;

/**
 * How a binary operation between two instant vectors pairs up series.
 *
 * @param cardinality one-to-one, many-to-one ({@code group_left}), one-to-many
 *     ({@code group_right}) or many-to-many (set operators)
 * @param matchingLabels the labels of {@code on(...)} or {@code ignoring(...)}
 * @param on true for {@code on}, false for {@code ignoring} (or nothing)
 * @param include the extra labels of {@code group_left(...)} / {@code group_right(...)}
 * @param fillLeft the experimental {@code fill_left(v)} / {@code fill(v)} value used when the left
 *     side has no match, or {@code null}
 * @param fillRight likewise for the right side
 */
public record VectorMatching(
        Cardinality cardinality,
        List<String> matchingLabels,
        boolean on,
        List<String> include,
        Double fillLeft,
        Double fillRight) {
    public enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

    public VectorMatching {
        matchingLabels = List.copyOf(matchingLabels);
        include = List.copyOf(include);
    }

    public static VectorMatching oneToOne() {
        return new VectorMatching(Cardinality.ONE_TO_ONE, List.of(), false, List.of(), null, null);
    }
}
