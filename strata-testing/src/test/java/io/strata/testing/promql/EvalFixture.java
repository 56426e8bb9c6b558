package io.strata.testing.promql;

import com.google.re2j.Pattern;
import io.strata.model.Labels;
import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.ast.VectorSelector;
import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link EvalCommand}s the way the reader would, for tests of comparison and execution
 * that should not depend on reading scripts.
 */
final class EvalFixture {
    private final String expr;
    private Expr parsed;
    private boolean range;
    private long start;
    private long end = Long.MIN_VALUE;
    private long step;
    private long evalTime;
    private EvalCommand.Suffixes suffixes = EvalCommand.Suffixes.NONE;
    private final Map<Expectation.Type, List<Expectation>> expectations = new EnumMap<>(Expectation.Type.class);
    private final Map<Labels, EvalCommand.ExpectedSeries> series = new LinkedHashMap<>();
    private int position = 1;
    private Double scalar;
    private String string = "";
    private boolean stringExpected;
    private boolean rangeVector;

    private EvalFixture(String expr) {
        this.expr = expr;
        this.parsed = new VectorSelector(expr, List.of(Matcher.metricName(expr)), 0, null, AtModifier.NONE, false,
                false, PositionRange.NONE);
    }

    /** An instant eval of {@code expr} at {@code timeMs}; the AST is a selector named like the text. */
    static EvalFixture instant(String expr, long timeMs) {
        EvalFixture f = new EvalFixture(expr);
        f.evalTime = timeMs;
        f.start = timeMs;
        return f;
    }

    static EvalFixture range(String expr, long startMs, long endMs, long stepMs) {
        EvalFixture f = new EvalFixture(expr);
        f.range = true;
        f.start = startMs;
        f.end = endMs;
        f.step = stepMs;
        return f;
    }

    EvalFixture parsed(Expr e) {
        parsed = e;
        return this;
    }

    EvalFixture suffixes(EvalCommand.Suffixes s) {
        suffixes = s;
        return this;
    }

    EvalFixture expect(Expectation.Type type) {
        return add(new Expectation(type, null, null));
    }

    EvalFixture expectMessage(Expectation.Type type, String message) {
        return add(new Expectation(type, message, null));
    }

    EvalFixture expectRegex(Expectation.Type type, String regex) {
        return add(new Expectation(type, null, Pattern.compile(regex)));
    }

    private EvalFixture add(Expectation e) {
        expectations.computeIfAbsent(e.type(), t -> new ArrayList<>()).add(e);
        return this;
    }

    /** An expected series line: labels as name/value pairs and values in series notation. */
    EvalFixture series(Labels labels, String values) {
        series.put(labels, new EvalCommand.ExpectedSeries(position++, SeriesValues.expand(values)));
        return this;
    }

    EvalFixture scalar(double value) {
        scalar = value;
        return this;
    }

    EvalFixture string(String value) {
        string = value;
        stringExpected = true;
        return this;
    }

    EvalFixture rangeVector(long fromMs, long toMs, long stepMs) {
        start = fromMs;
        end = toMs;
        step = stepMs;
        evalTime = toMs;
        rangeVector = true;
        return this;
    }

    EvalCommand build() {
        return new EvalCommand(1, expr, parsed, range, start, end, step, evalTime, suffixes, null, null, expectations,
                series, scalar, string, rangeVector, stringExpected);
    }
}
