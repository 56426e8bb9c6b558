package io.strata.aggregator.rules;

import io.strata.aggregator.rules.InvalidRuleException.RuleType;
import io.strata.model.Labels;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks shared by the rule records; each failure is an {@link InvalidRuleException}. */
final class RuleChecks {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private RuleChecks() {}

    static void name(RuleType type, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRuleException(type, -1, String.valueOf(name), "name", "a rule needs a non-empty name");
        }
    }

    static void filter(RuleType type, String name, SeriesFilter filter) {
        if (filter == null) {
            throw new InvalidRuleException(type, -1, name, "filter", "a rule needs a filter");
        }
        if (!filter.canMatchSomething()) {
            try {
                filter.requireCanMatch();
            } catch (IllegalArgumentException e) {
                throw new InvalidRuleException(type, -1, name, "filter", e.getMessage());
            }
        }
    }

    /** Non-null, no blanks, no repeats; an empty list is allowed here. */
    static List<String> names(RuleType type, String rule, String field, List<String> values) {
        List<String> copy = List.copyOf(Objects.requireNonNullElse(values, List.of()));
        Set<String> seen = new HashSet<>();
        for (String v : copy) {
            if (v.isBlank()) {
                throw new InvalidRuleException(type, -1, rule, field, field + " holds an empty name");
            }
            if (!seen.add(v)) {
                throw new InvalidRuleException(type, -1, rule, field, "\"" + v + "\" is listed twice in " + field);
            }
        }
        return copy;
    }

    static List<String> labelNames(RuleType type, String rule, String field, List<String> values) {
        List<String> copy = names(type, rule, field, values);
        for (String v : copy) {
            if (v.equals(Labels.METRIC_NAME)) {
                throw new InvalidRuleException(type, -1, rule, field,
                        field + " must not name __name__: the output's name is the rule's metricName or the input's name");
            }
            if (!LABEL_NAME.matcher(v).matches()) {
                throw new InvalidRuleException(type, -1, rule, field, "\"" + v + "\" in " + field + " is not a label name");
            }
        }
        return copy;
    }
}
