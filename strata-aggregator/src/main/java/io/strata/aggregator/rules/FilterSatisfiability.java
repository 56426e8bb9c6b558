package io.strata.aggregator.rules;

import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds filters that no series can satisfy, so that a rule that would silently do nothing is
 * refused when it is configured. The check is exact where the values a label may take are a known
 * finite set (an equality, or a regex that is an alternation of literals): each candidate value is
 * tried against every matcher on that label. Other regex combinations are assumed satisfiable.
 */
final class FilterSatisfiability {
    /** Every series has a name, so a filter that wants it absent matches nothing. */
    private static final String NAME_ONLY_EMPTY = "__name__ matches only the empty string, and every series has a name";

    private FilterSatisfiability() {}

    /** Why the matchers can never all hold, or {@code null} when some series may match. */
    static String whyUnsatisfiable(List<Matcher> matchers) {
        if (matchers.isEmpty()) {
            return "it is empty";
        }
        Map<String, List<Matcher>> byLabel = new LinkedHashMap<>();
        for (Matcher m : matchers) {
            byLabel.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<String, List<Matcher>> e : byLabel.entrySet()) {
            String reason = whyLabelUnsatisfiable(e.getKey(), e.getValue());
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    private static String whyLabelUnsatisfiable(String label, List<Matcher> matchers) {
        boolean isName = label.equals(Labels.METRIC_NAME);
        String firstEquality = null;
        for (Matcher m : matchers) {
            if (m.type() == MatchType.NOT_REGEX && m.value().equals(".*")) {
                return m + " matches no value";
            }
            if (m.type() == MatchType.EQUAL) {
                if (firstEquality != null && !firstEquality.equals(m.value())) {
                    return "label " + label + " cannot equal both \"" + firstEquality + "\" and \"" + m.value() + "\"";
                }
                firstEquality = m.value();
            }
        }
        Set<String> candidates = firstEquality == null ? null : Set.of(firstEquality);
        for (Matcher m : matchers) {
            Set<String> set = m.type() == MatchType.REGEX ? m.setMatches() : null;
            if (set != null && (candidates == null || set.size() < candidates.size())) {
                candidates = set;
            }
        }
        if (candidates == null) {
            // Infinite candidates: only the one shape known to leave nothing but "" is decided.
            for (Matcher m : matchers) {
                if (isName && m.type() == MatchType.NOT_REGEX && m.value().equals(".+")) {
                    return NAME_ONLY_EMPTY;
                }
            }
            return null;
        }
        boolean emptyMatches = false;
        for (String value : candidates) {
            if (allMatch(matchers, value)) {
                if (!(isName && value.isEmpty())) {
                    return null;
                }
                emptyMatches = true;
            }
        }
        return emptyMatches ? NAME_ONLY_EMPTY : "no value of label " + label + " satisfies " + joined(matchers);
    }

    private static boolean allMatch(List<Matcher> matchers, String value) {
        for (Matcher m : matchers) {
            if (!m.matches(value)) {
                return false;
            }
        }
        return true;
    }

    private static String joined(List<Matcher> matchers) {
        StringBuilder sb = new StringBuilder();
        for (Matcher m : matchers) {
            sb.append(sb.isEmpty() ? "" : ", ").append(m);
        }
        return sb.toString();
    }
}
