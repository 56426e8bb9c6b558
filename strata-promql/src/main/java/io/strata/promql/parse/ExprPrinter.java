package io.strata.promql.parse;

import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.model.Utf8Order;
import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.DurationExpr;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.ParenExpr;
import io.strata.promql.ast.StringLiteral;
import io.strata.promql.ast.SubqueryExpr;
import io.strata.promql.ast.UnaryExpr;
import io.strata.promql.ast.VectorMatching;
import io.strata.promql.ast.VectorSelector;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes an expression back as PromQL the way Prometheus does: {@link #print} is
 * {@code expr.String()}, one canonical line (keywords in lower case, grouping after the
 * aggregation operator, matchers sorted, durations as {@code 1h30m}, {@code @} timestamps with
 * three decimals, strings quoted as Go's {@code %q}); {@link #pretty} is {@code Prettify}, what
 * {@code /api/v1/format_query} returns. Printing and parsing again gives the same tree.
 */
public final class ExprPrinter {
    private ExprPrinter() {
    }

    /** Prometheus's {@code String()}: the canonical single-line form. */
    public static String print(Expr e) {
        StringBuilder sb = new StringBuilder();
        write(sb, e);
        return sb.toString();
    }

    /**
     * Prometheus's {@code Prettify} ({@code Pretty(0)}): nodes whose one-line form is longer than
     * 100 bytes are split over lines, children indented two spaces per level.
     */
    public static String pretty(Expr e) {
        return new ExprPrettier(ExprPrettier.MAX_LINE_BYTES).pretty(e, 0);
    }

    static void write(StringBuilder sb, Expr e) {
        switch (e) {
            case AggregateExpr a -> {
                writeAggregationHead(sb, a);
                sb.append('(');
                if (a.op().hasParam()) {
                    write(sb, a.param());
                    sb.append(", ");
                }
                write(sb, a.expr());
                sb.append(')');
            }
            case BinaryExpr b -> {
                write(sb, b.lhs());
                sb.append(' ').append(b.op().text());
                writeBinaryModifiers(sb, b);
                sb.append(' ');
                write(sb, b.rhs());
            }
            case Call c -> {
                sb.append(c.function().name()).append('(');
                for (int i = 0; i < c.args().size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    write(sb, c.args().get(i));
                }
                sb.append(')');
            }
            case DurationExpr d -> writeDuration(sb, d);
            case MatrixSelector m -> {
                VectorSelector vs = m.selector();
                writeSelectorName(sb, vs);
                sb.append('[');
                if (m.rangeExpr() != null) {
                    write(sb, m.rangeExpr());
                } else {
                    sb.append(PromDurations.format(m.rangeMs()));
                }
                sb.append(']');
                writeExtendedRange(sb, vs);
                writeAt(sb, vs.at());
                writeOffset(sb, vs.offsetMs(), vs.offsetExpr());
            }
            case NumberLiteral n -> writeNumber(sb, n);
            case ParenExpr pe -> {
                sb.append('(');
                write(sb, pe.expr());
                sb.append(')');
            }
            case StringLiteral s -> sb.append(quoteForReparse(s.value()));
            case SubqueryExpr s -> {
                write(sb, s.expr());
                writeSubquerySuffix(sb, s);
            }
            case UnaryExpr u -> {
                sb.append(u.op().text());
                write(sb, u.expr());
            }
            case VectorSelector vs -> {
                writeSelectorName(sb, vs);
                writeAt(sb, vs.at());
                writeExtendedRange(sb, vs);
                writeOffset(sb, vs.offsetMs(), vs.offsetExpr());
            }
        }
    }

    /** {@code sum}, {@code sum by (a) }, {@code sum without () }: Prometheus's ShortString. */
    static void writeAggregationHead(StringBuilder sb, AggregateExpr a) {
        sb.append(a.op().text());
        if (a.without()) {
            sb.append(" without (");
            writeLabelNames(sb, a.grouping());
            sb.append(") ");
        } else if (!a.grouping().isEmpty()) {
            sb.append(" by (");
            writeLabelNames(sb, a.grouping());
            sb.append(") ");
        }
    }

    /** {@code bool}, {@code on (...)}/{@code ignoring (...)}, {@code group_left (...)}, fill values. */
    static void writeBinaryModifiers(StringBuilder sb, BinaryExpr b) {
        if (b.returnBool()) {
            sb.append(" bool");
        }
        VectorMatching vm = b.matching();
        if (vm == null) {
            return;
        }
        boolean grouped = vm.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
                || vm.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY;
        if (!vm.matchingLabels().isEmpty() || vm.on() || grouped) {
            sb.append(vm.on() ? " on (" : " ignoring (");
            writeLabelNames(sb, vm.matchingLabels());
            sb.append(')');
        }
        if (grouped) {
            sb.append(vm.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE ? " group_left (" : " group_right (");
            writeLabelNames(sb, vm.include());
            sb.append(')');
        }
        Double left = vm.fillLeft();
        Double right = vm.fillRight();
        // fill(v) set both sides to the same value object, as Prometheus shares one pointer.
        if (left != null && left == right) {
            sb.append(" fill (").append(GoNumbers.formatShortestGeneral(left)).append(')');
        } else {
            if (left != null) {
                sb.append(" fill_left (").append(GoNumbers.formatShortestGeneral(left)).append(')');
            }
            if (right != null) {
                sb.append(" fill_right (").append(GoNumbers.formatShortestGeneral(right)).append(')');
            }
        }
    }

    private static void writeDuration(StringBuilder sb, DurationExpr d) {
        if (d.wrapped()) {
            sb.append('(');
        }
        switch (d.op()) {
            case STEP -> sb.append("step()");
            case RANGE -> sb.append("range()");
            case MIN_OF, MAX_OF -> {
                sb.append(d.op() == DurationExpr.Op.MIN_OF ? "min_of(" : "max_of(");
                write(sb, d.lhs());
                sb.append(", ");
                write(sb, d.rhs());
                sb.append(')');
            }
            case NEG -> {
                sb.append('-');
                write(sb, d.rhs());
            }
            case ADD, SUB, MUL, DIV, MOD, POW -> {
                write(sb, d.lhs());
                sb.append(' ').append(durationOperator(d.op())).append(' ');
                write(sb, d.rhs());
            }
        }
        if (d.wrapped()) {
            sb.append(')');
        }
    }

    private static String durationOperator(DurationExpr.Op op) {
        return switch (op) {
            case ADD -> "+";
            case SUB -> "-";
            case MUL -> "*";
            case DIV -> "/";
            case MOD -> "%";
            case POW -> "^";
            case NEG, STEP, RANGE, MIN_OF, MAX_OF -> throw new IllegalArgumentException("BUG: not binary: " + op);
        };
    }

    /**
     * A number as {@code strconv.FormatFloat(v, 'f', -1)}, or, when it was written as a duration,
     * as a duration ({@code 5m}, {@code -1h30m}).
     */
    private static void writeNumber(StringBuilder sb, NumberLiteral n) {
        if (!n.duration()) {
            sb.append(GoNumbers.formatShortestFixed(n.value()));
            return;
        }
        double v = n.value();
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        // Go converts the float nanoseconds to an integer by truncation.
        sb.append(PromDurations.format(GoNumbers.toLong(v * 1e9) / 1_000_000L));
    }

    /** The metric name and sorted matchers, leaving out the matcher the name stands for. */
    private static void writeSelectorName(StringBuilder sb, VectorSelector vs) {
        List<String> shown = new ArrayList<>(vs.matchers().size());
        for (Matcher m : vs.matchers()) {
            boolean fromName = m.name().equals(Labels.METRIC_NAME) && m.type() == MatchType.EQUAL
                    && m.value().equals(vs.name()) && !m.value().isEmpty();
            if (!fromName) {
                shown.add(matcherString(m));
            }
        }
        if (vs.name() != null) {
            sb.append(vs.name());
        }
        if (!shown.isEmpty()) {
            shown.sort(Utf8Order.INSTANCE);
            sb.append('{').append(String.join(",", shown)).append('}');
        }
    }

    /** Prometheus's {@code Matcher.String()}: the name is quoted unless it is a plain identifier. */
    private static String matcherString(Matcher m) {
        String name = needsQuotes(m.name()) ? GoStrings.quote(m.name()) : m.name();
        return name + m.type().operator() + quoteForReparse(m.value());
    }

    private static boolean needsQuotes(String name) {
        if (name.isEmpty()) {
            return true;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return true;
            }
        }
        return false;
    }

    /** Label names in grouping clauses: quoted unless valid in the legacy (pre-UTF-8) scheme. */
    static void writeLabelNames(StringBuilder sb, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String n = names.get(i);
            sb.append(needsQuotes(n) ? GoStrings.quote(n) : n);
        }
    }

    private static void writeAt(StringBuilder sb, AtModifier at) {
        switch (at.kind()) {
            case NONE -> {
            }
            case TIMESTAMP -> sb.append(" @ ").append(GoNumbers.formatFixed(at.timestampMs() / 1000.0, 3));
            case START -> sb.append(" @ start()");
            case END -> sb.append(" @ end()");
        }
    }

    private static void writeExtendedRange(StringBuilder sb, VectorSelector vs) {
        if (vs.anchored()) {
            sb.append(" anchored");
        } else if (vs.smoothed()) {
            sb.append(" smoothed");
        }
    }

    private static void writeOffset(StringBuilder sb, long offsetMs, Expr offsetExpr) {
        if (offsetExpr != null) {
            sb.append(" offset ");
            write(sb, offsetExpr);
        } else if (offsetMs > 0) {
            sb.append(" offset ").append(PromDurations.format(offsetMs));
        } else if (offsetMs < 0) {
            sb.append(" offset -").append(PromDurations.format(-offsetMs));
        }
    }

    /** {@code [range:step] @ t offset o}. */
    static void writeSubquerySuffix(StringBuilder sb, SubqueryExpr s) {
        sb.append('[');
        if (s.rangeExpr() != null) {
            write(sb, s.rangeExpr());
        } else {
            sb.append(PromDurations.format(s.rangeMs()));
        }
        sb.append(':');
        if (s.stepMs() != 0) {
            sb.append(PromDurations.format(s.stepMs()));
        } else if (s.stepExpr() != null) {
            write(sb, s.stepExpr());
        }
        sb.append(']');
        writeAt(sb, s.at());
        writeOffset(sb, s.offsetMs(), s.offsetExpr());
    }

    /**
     * Go's {@code %q}, except that U+FFFD is escaped: bytes of the query that were not UTF-8 read
     * as U+FFFD here, and Prometheus's lexer refuses that character raw inside a string.
     */
    private static String quoteForReparse(String s) {
        return GoStrings.quote(GoStrings.toUtf8(s), true);
    }
}
