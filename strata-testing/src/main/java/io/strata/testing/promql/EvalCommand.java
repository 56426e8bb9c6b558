package io.strata.testing.promql;

import com.google.re2j.Pattern;
import io.strata.model.Labels;
import io.strata.promql.ast.Expr;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code eval instant} or {@code eval range} command with everything its block expects
 * (FORMAT.md sections 6 and 7).
 *
 * @param line 1-based line of the eval command
 * @param expr the expression text as written
 * @param parsed the expression parsed with every experimental feature on
 * @param range a range query ({@code eval range}); otherwise an instant query
 * @param startMs first point of the expected grid: the range start, the {@code from} of
 *     {@code expect range vector}, or the evaluation time of a plain instant eval
 * @param endMs last time the grid may reach; {@link Long#MIN_VALUE} for a plain instant eval,
 *     whose expected results never have a second point
 * @param stepMs grid step (0 for a plain instant eval)
 * @param evalTimeMs time of an instant query (the {@code to} of {@code expect range vector} when given)
 * @param suffixes what the deprecated {@code eval_fail}/{@code _warn}/{@code _info}/{@code _ordered} asked
 * @param expectedFailMessage {@code expected_fail_message} text, or {@code null}
 * @param expectedFailRegexp {@code expected_fail_regexp} pattern, or {@code null}
 * @param expectations the {@code expect} lines by type, in file order
 * @param expectedSeries expected output series by label set (a later line for the same set replaced the earlier)
 * @param expectedScalar the bare-number line, or {@code null}
 * @param expectedString the {@code expect string} value; "" when absent (an empty string result still passes)
 * @param rangeVectorExpected the block had {@code expect range vector}
 * @param stringExpected the block had {@code expect string}
 */
public record EvalCommand(
        int line,
        String expr,
        Expr parsed,
        boolean range,
        long startMs,
        long endMs,
        long stepMs,
        long evalTimeMs,
        Suffixes suffixes,
        String expectedFailMessage,
        Pattern expectedFailRegexp,
        Map<Expectation.Type, List<Expectation>> expectations,
        Map<Labels, ExpectedSeries> expectedSeries,
        Double expectedScalar,
        String expectedString,
        boolean rangeVectorExpected,
        boolean stringExpected) implements ScriptCommand {
    public EvalCommand {
        Map<Expectation.Type, List<Expectation>> copy = new EnumMap<>(Expectation.Type.class);
        expectations.forEach((type, list) -> copy.put(type, List.copyOf(list)));
        expectations = Collections.unmodifiableMap(copy);
        expectedSeries = Collections.unmodifiableMap(new LinkedHashMap<>(expectedSeries));
    }

    /** The deprecated suffixes of the command word. */
    public record Suffixes(boolean fail, boolean warn, boolean info, boolean ordered) {
        public static final Suffixes NONE = new Suffixes(false, false, false, false);
    }

    /**
     * One expected output series.
     *
     * @param position 1-based position for ordered comparison, counted as upstream counts it
     */
    public record ExpectedSeries(int position, List<SequenceValue> values) {
        public ExpectedSeries {
            values = List.copyOf(values);
        }
    }

    public List<Expectation> expectations(Expectation.Type type) {
        return expectations.getOrDefault(type, List.of());
    }

    public boolean expectsFailure() {
        return suffixes.fail() || !expectations(Expectation.Type.FAIL).isEmpty();
    }

    public boolean expectsOrder() {
        return suffixes.ordered() || !expectations(Expectation.Type.ORDERED).isEmpty();
    }

    public boolean expectsScalar() {
        return expectedScalar != null;
    }

    /** Results that are not an instant vector or scalar cannot be re-checked as a range query. */
    public boolean excludedFromRangeMode() {
        return rangeVectorExpected || stringExpected;
    }
}
