package io.strata.promql.parse;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.ast.VectorSelector;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The grammar of selectors and label lists: {@code foo{a="b", "c.d"=~"e"}}, the grouping labels
 * of {@code by (...)}/{@code on (...)}, and the label sets of {@link PromqlParser#parseMetric}.
 */
final class SelectorParser {
    private static final String LABEL_MATCHING = "label matching";
    private static final String GROUPING_OPTS = "grouping opts";
    private static final String LABEL_SET = "label set";

    private final ParseState p;

    SelectorParser(ParseState p) {
        this.p = p;
    }

    /**
     * Tokens that may be a metric name: identifiers and every keyword Prometheus lists in its
     * {@code metric_identifier} rule, so {@code sum}, {@code offset} or {@code start} can be
     * metric names where no aggregation, modifier or call can follow.
     */
    static boolean isMetricIdentifier(TokenType t) {
        return switch (t) {
            case IDENTIFIER, METRIC_IDENTIFIER, AVG, BOTTOMK, BY, COUNT, COUNT_VALUES, FILL, FILL_LEFT, FILL_RIGHT,
                    GROUP, LAND, LOR, LUNLESS, MAX, MIN, OFFSET, QUANTILE, STDDEV, STDVAR, SUM, TOPK, WITHOUT, START,
                    END, LIMITK, LIMIT_RATIO, STEP, RANGE, ANCHORED, SMOOTHED, MAX_OF, MIN_OF -> true;
            default -> false;
        };
    }

    /** Tokens that may be a label name in grouping options: metric identifiers and a few more keywords. */
    static boolean isMaybeLabel(TokenType t) {
        return switch (t) {
            case BOOL, GROUP_LEFT, GROUP_RIGHT, IGNORING, ON, ATAN2 -> true;
            default -> isMetricIdentifier(t);
        };
    }

    // ---- vector selectors ----

    /** {@code vector_selector}: a metric name, label matchers in braces, or both. */
    VectorSelector vectorSelector() {
        if (p.at(TokenType.LEFT_BRACE)) {
            Braced braced = labelMatchers();
            return selector(null, braced.matchers(), braced.range());
        }
        if (!isMetricIdentifier(p.current().type())) {
            throw p.syntaxError();
        }
        Token name = p.take();
        List<Matcher> matchers = new ArrayList<>();
        PositionRange range = name.range();
        if (p.at(TokenType.LEFT_BRACE)) {
            Braced braced = labelMatchers();
            matchers.addAll(braced.matchers());
            range = new PositionRange(name.pos(), braced.range().end());
        }
        // As in Prometheus the matcher for a name written outside the braces comes last, which is
        // what the "metric name must not be set twice" check relies on.
        matchers.add(Matcher.metricName(name.text()));
        return selector(name.text(), matchers, range);
    }

    private static VectorSelector selector(String name, List<Matcher> matchers, PositionRange range) {
        return new VectorSelector(name, matchers, 0, null, AtModifier.NONE, false, false, range);
    }

    private record Braced(List<Matcher> matchers, PositionRange range) {
    }

    /**
     * {@code label_matchers}. Matchers that failed (already reported) are left out; the parse
     * carries on after them, as yacc's recovery does, so a later error in the query is still seen.
     */
    private Braced labelMatchers() {
        Token open = p.take();
        List<Matcher> matchers = new ArrayList<>();
        if (p.at(TokenType.RIGHT_BRACE)) {
            return new Braced(matchers, new PositionRange(open.pos(), p.take().end()));
        }
        while (true) {
            Matcher m = labelMatcher();
            if (m != null) {
                matchers.add(m);
            }
            while (true) {
                if (p.at(TokenType.COMMA)) {
                    p.take();
                    if (p.at(TokenType.RIGHT_BRACE)) {
                        return new Braced(matchers, new PositionRange(open.pos(), p.take().end()));
                    }
                    break;
                }
                if (p.at(TokenType.RIGHT_BRACE)) {
                    return new Braced(matchers, new PositionRange(open.pos(), p.take().end()));
                }
                if (p.atEnd()) {
                    throw p.syntaxError(LABEL_MATCHING, "\",\" or \"}\"");
                }
                // label_match_list error: yacc drops tokens until one fits.
                p.recoverableError(LABEL_MATCHING, "\",\" or \"}\"");
                p.discard();
            }
        }
    }

    /** {@code label_matcher}; {@code null} after a recoverable error. */
    private Matcher labelMatcher() {
        Token first = p.current();
        String name;
        if (first.is(TokenType.STRING)) {
            p.take();
            name = p.unquoteToString(first);
            if (!isMatchOperator(p.current().type())) {
                // A quoted name alone is the metric name: {"foo"}.
                return Matcher.metricName(name);
            }
        } else if (first.is(TokenType.IDENTIFIER)) {
            p.take();
            name = first.text();
            if (!isMatchOperator(p.current().type())) {
                p.recoverableError(LABEL_MATCHING, "label matching operator");
                return null;
            }
        } else {
            p.recoverableError(LABEL_MATCHING, "identifier or \"}\"");
            return null;
        }
        Token op = p.take();
        if (!p.at(TokenType.STRING)) {
            p.recoverableError(LABEL_MATCHING, "string");
            return null;
        }
        Token value = p.take();
        return newLabelMatcher(first, name, op, value);
    }

    private Matcher newLabelMatcher(Token nameToken, String name, Token op, Token valueToken) {
        String value = p.unquoteToString(valueToken);
        MatchType type = switch (op.type()) {
            case EQL -> MatchType.EQUAL;
            case NEQ -> MatchType.NOT_EQUAL;
            case EQL_REGEX -> MatchType.REGEX;
            case NEQ_REGEX -> MatchType.NOT_REGEX;
            default -> throw new IllegalStateException("BUG: not a match operator: " + op);
        };
        PositionRange where = new PositionRange(nameToken.pos(), valueToken.end());
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            try {
                // RE2 syntax, as Prometheus's matchers; RE2/J reports errors with Go's text. Flags
                // do not change what is valid, and without them the message quotes the pattern
                // as written.
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                p.error(where, e.getMessage());
                return null;
            }
        }
        try {
            return Matcher.of(type, name, value);
        } catch (StrataException e) {
            p.error(where, e.getMessage());
            return null;
        }
    }

    private static boolean isMatchOperator(TokenType t) {
        return t == TokenType.EQL || t == TokenType.NEQ || t == TokenType.EQL_REGEX || t == TokenType.NEQ_REGEX;
    }

    // ---- grouping labels ----

    /** {@code grouping_labels}: {@code (a, "b.c", ...)} with an optional trailing comma. */
    List<String> groupingLabels() {
        if (!p.at(TokenType.LEFT_PAREN)) {
            throw p.syntaxError(GROUPING_OPTS, "\"(\"");
        }
        p.take();
        List<String> labels = new ArrayList<>();
        if (p.at(TokenType.RIGHT_PAREN)) {
            p.take();
            return labels;
        }
        while (true) {
            labels.add(groupingLabel());
            if (p.at(TokenType.COMMA)) {
                p.take();
                if (p.at(TokenType.RIGHT_PAREN)) {
                    p.take();
                    return labels;
                }
                continue;
            }
            if (p.at(TokenType.RIGHT_PAREN)) {
                p.take();
                return labels;
            }
            throw p.syntaxError(GROUPING_OPTS, "\",\" or \")\"");
        }
    }

    private String groupingLabel() {
        Token t = p.current();
        if (t.is(TokenType.STRING)) {
            p.take();
            byte[] name = p.unquote(t);
            if (name.length == 0 || !GoStrings.isValidUtf8(name)) {
                p.error(t.range(), "invalid label name for grouping: " + GoStrings.quote(name, false));
            }
            return GoStrings.fromUtf8(name);
        }
        if (!isMaybeLabel(t.type())) {
            throw p.syntaxError(GROUPING_OPTS, "label");
        }
        return p.take().text();
    }

    // ---- label sets (a series written as a metric) ----

    /** {@code metric}: an optional metric name and an optional label set in braces. */
    Labels metric() {
        return metric(false);
    }

    /**
     * A metric at the start of a series line ({@code foo{a="b"} 1+2x5}): as {@link #metric()},
     * but braces count as the label set only right after the name, and nothing after the metric
     * is read, so the values that follow may be any text.
     */
    Labels metricPrefix() {
        return metric(true);
    }

    private Labels metric(boolean prefixOnly) {
        String name = null;
        if (isMetricIdentifier(p.current().type())) {
            name = p.take().text();
        }
        LabelsBuilder builder = new LabelsBuilder();
        Set<String> seen = new HashSet<>();
        boolean braces = prefixOnly
                ? (name == null ? p.at(TokenType.LEFT_BRACE) : p.consumedEnd() < p.input.length
                        && p.input[p.consumedEnd()] == '{')
                : p.at(TokenType.LEFT_BRACE);
        if (braces) {
            p.take();
            boolean more = !p.at(TokenType.RIGHT_BRACE);
            while (more) {
                labelSetItem(builder, seen);
                if (p.at(TokenType.COMMA)) {
                    p.take();
                    more = !p.at(TokenType.RIGHT_BRACE);
                } else if (!p.at(TokenType.RIGHT_BRACE)) {
                    throw p.syntaxError(LABEL_SET, "\",\" or \"}\"");
                } else {
                    more = false;
                }
            }
            p.take();
        }
        if (name != null) {
            // The name outside the braces wins over a __name__ inside them, as in Prometheus.
            builder.set(Labels.METRIC_NAME, name);
        }
        return builder.build();
    }

    private void labelSetItem(LabelsBuilder builder, Set<String> seen) {
        Token first = p.current();
        String name;
        String value;
        if (first.is(TokenType.STRING)) {
            p.take();
            String quotedName = p.unquoteToString(first);
            if (p.at(TokenType.EQL)) {
                p.take();
                name = quotedName;
                value = labelSetValue();
            } else {
                name = Labels.METRIC_NAME;
                value = quotedName;
            }
        } else if (first.is(TokenType.IDENTIFIER)) {
            p.take();
            name = first.text();
            if (!p.at(TokenType.EQL)) {
                throw p.syntaxError(LABEL_SET, "\"=\"");
            }
            p.take();
            value = labelSetValue();
        } else {
            throw p.syntaxError(LABEL_SET, "identifier or \"}\"");
        }
        if (!seen.add(name)) {
            // Prometheus would build labels it then refuses to store; say so here instead.
            p.error(first.range(), "label name " + GoStrings.quote(name) + " is set more than once");
            return;
        }
        builder.add(name, value);
    }

    private String labelSetValue() {
        if (!p.at(TokenType.STRING)) {
            throw p.syntaxError(LABEL_SET, "string");
        }
        return p.unquoteToString(p.take());
    }
}
