package io.strata.aggregator.rules;

import java.util.Locale;

/**
 * A rule that cannot be used, with enough structure for a configuration reader to point at the
 * offending key: which list the rule is in, its position there, and the field at fault.
 */
public final class InvalidRuleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The three lists of rules. */
    public enum RuleType {
        MAPPING,
        ROLLUP,
        DROP;

        /** {@code mapping}, {@code rollup} or {@code drop}, as in the configuration. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final RuleType ruleType;
    private final int index;
    private final String ruleName;
    private final String field;
    private final String problem;

    /**
     * @param index position in its list, or -1 when the rule is checked on its own
     * @param field the rule's field at fault, by its configuration name ({@code namespaces},
     *     {@code filter}, {@code groupBy}, ...)
     * @param problem what is wrong, naming the value: "namespace \"5m\" does not exist"
     */
    public InvalidRuleException(RuleType ruleType, int index, String ruleName, String field, String problem) {
        super(ruleType.text() + " rule \"" + ruleName + "\": " + problem);
        this.ruleType = ruleType;
        this.index = index;
        this.ruleName = ruleName;
        this.field = field;
        this.problem = problem;
    }

    public RuleType ruleType() {
        return ruleType;
    }

    /** Position of the rule in its list, -1 when not known. */
    public int index() {
        return index;
    }

    public String ruleName() {
        return ruleName;
    }

    public String field() {
        return field;
    }

    /** The message without the rule's name. */
    public String problem() {
        return problem;
    }
}
