package io.strata.promql.parse;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.AggregateOp;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.BinaryOp;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.DurationExpr;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.FunctionDef;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.ParenExpr;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.ast.StringLiteral;
import io.strata.promql.ast.SubqueryExpr;
import io.strata.promql.ast.UnaryExpr;
import io.strata.promql.ast.ValueType;
import io.strata.promql.ast.VectorMatching;
import io.strata.promql.ast.VectorSelector;

import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus's {@code checkAST}: the type rules run on a tree that parsed cleanly. Children are
 * checked before their parent, and every problem is collected (in Prometheus's order) rather than
 * stopping at the first. Returns the tree with what the checks settle filled in: set operators get
 * many-to-many matching, and a binary operation with a scalar side loses its vector matching.
 */
final class TypeChecker {
    private final ParseState p;

    TypeChecker(ParseState p) {
        this.p = p;
    }

    Expr check(Expr e) {
        return check(e, false);
    }

    private Expr check(Expr e, boolean allowEmptyMatchers) {
        return switch (e) {
            case AggregateExpr a -> aggregate(a);
            case BinaryExpr b -> binary(b);
            case Call c -> call(c);
            case ParenExpr pe -> new ParenExpr(check(pe.expr()), pe.position());
            case UnaryExpr u -> unary(u);
            case SubqueryExpr s -> subquery(s);
            case MatrixSelector m -> {
                check(m.selector());
                yield m;
            }
            case VectorSelector vs -> {
                selector(vs, allowEmptyMatchers);
                yield vs;
            }
            case NumberLiteral n -> n;
            case StringLiteral s -> s;
            case DurationExpr d -> {
                // Only reachable in brackets and after offset, where it is not checked; Prometheus
                // has no case for it either.
                p.error(d.position(), "unknown node type: *parser.DurationExpr");
                yield d;
            }
        };
    }

    private Expr expectType(Expr e, ValueType want, String context) {
        Expr checked = check(e);
        ValueType got = checked.type();
        if (got != want) {
            p.error(e.position(), "expected type " + want.documentedName() + " in " + context + ", got "
                    + got.documentedName());
        }
        return checked;
    }

    private Expr aggregate(AggregateExpr a) {
        Expr expr = expectType(a.expr(), ValueType.VECTOR, "aggregation expression");
        Expr param = a.param();
        AggregateOp op = a.op();
        if (op == AggregateOp.TOPK || op == AggregateOp.BOTTOMK || op == AggregateOp.QUANTILE
                || op == AggregateOp.LIMITK || op == AggregateOp.LIMIT_RATIO) {
            param = expectType(param, ValueType.SCALAR, "aggregation parameter");
        } else if (op == AggregateOp.COUNT_VALUES) {
            param = expectType(param, ValueType.STRING, "aggregation parameter");
        }
        return new AggregateExpr(op, expr, param, a.grouping(), a.without(), a.position());
    }

    private Expr binary(BinaryExpr b) {
        Expr lhs = check(b.lhs());
        Expr rhs = check(b.rhs());
        ValueType lt = lhs.type();
        ValueType rt = rhs.type();
        BinaryOp op = b.op();
        if (b.returnBool() && !op.isComparison()) {
            p.error(operatorRange(b), "bool modifier can only be used on comparison operators");
        }
        if (op.isComparison() && !b.returnBool() && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            p.error(operatorRange(b), "comparisons between scalars must use BOOL modifier");
        }
        VectorMatching vm = b.matching();
        VectorMatching.Cardinality card = vm.cardinality();
        if (op.isSetOperator() && card == VectorMatching.Cardinality.ONE_TO_ONE) {
            card = VectorMatching.Cardinality.MANY_TO_MANY;
        }
        for (String l1 : vm.matchingLabels()) {
            for (String l2 : vm.include()) {
                if (l1.equals(l2) && vm.on()) {
                    p.error(operatorRange(b),
                            "label " + GoStrings.quote(l1) + " must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
            p.error(b.lhs().position(), "binary expression must contain only scalar and instant vector types");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
            p.error(b.rhs().position(), "binary expression must contain only scalar and instant vector types");
        }
        boolean fill = vm.fillLeft() != null || vm.fillRight() != null;
        VectorMatching matching =
                new VectorMatching(card, vm.matchingLabels(), vm.on(), vm.include(), vm.fillLeft(), vm.fillRight());
        if (lt != ValueType.VECTOR || rt != ValueType.VECTOR) {
            if (!vm.matchingLabels().isEmpty()) {
                p.error(b.position(), "vector matching only allowed between instant vectors");
            }
            if (fill) {
                p.error(b.position(), "filling in missing series only allowed between instant vectors");
            }
            matching = null;
        } else if (op.isSetOperator()) {
            if (card == VectorMatching.Cardinality.ONE_TO_MANY || card == VectorMatching.Cardinality.MANY_TO_ONE) {
                p.error(b.position(), "no grouping allowed for " + GoStrings.quote(op.text()) + " operation");
            }
            if (card != VectorMatching.Cardinality.MANY_TO_MANY) {
                p.error(b.position(), "set operations must always be many-to-many");
            }
            if (fill) {
                p.error(b.position(), "filling in missing series not allowed for set operators");
            }
        }
        if ((lt == ValueType.SCALAR || rt == ValueType.SCALAR) && op.isSetOperator()) {
            p.error(b.position(), "set operator " + GoStrings.quote(op.text()) + " not allowed in binary scalar expression");
        }
        return new BinaryExpr(op, lhs, rhs, matching, b.returnBool(), b.position());
    }

    /**
     * Prometheus's range for errors about the operator itself: from the end of the left operand to
     * the start of the right one, blanks trimmed (its end is the last operator byte, not past it).
     */
    private PositionRange operatorRange(BinaryExpr b) {
        int start = b.lhs().position().end();
        while (start < p.input.length && Lexer.isSpace(p.input[start])) {
            start++;
        }
        int end = b.rhs().position().start() - 1;
        while (end > 0 && Lexer.isSpace(p.input[end])) {
            end--;
        }
        return new PositionRange(start, end);
    }

    private Expr call(Call c) {
        FunctionDef fn = c.function();
        List<Expr> args = c.args();
        int declared = fn.argTypes().size();
        if (fn.variadic() == 0) {
            if (declared != args.size()) {
                p.error(c.position(), "expected " + declared + " argument(s) in call to " + GoStrings.quote(fn.name())
                        + ", got " + args.size());
            }
        } else {
            int required = declared - 1;
            if (required > args.size()) {
                p.error(c.position(), "expected at least " + required + " argument(s) in call to "
                        + GoStrings.quote(fn.name()) + ", got " + args.size());
            } else if (fn.variadic() > 0 && required + fn.variadic() < args.size()) {
                p.error(c.position(), "expected at most " + (required + fn.variadic()) + " argument(s) in call to "
                        + GoStrings.quote(fn.name()) + ", got " + args.size());
            }
        }
        // info(v, {labels}) takes label matchers only; its selector may match everything.
        Expr infoSelector = null;
        if (fn.name().equals("info") && args.size() > 1) {
            Expr second = args.get(1);
            if (second.type() != ValueType.VECTOR) {
                p.error(c.position(), "expected type " + ValueType.VECTOR.documentedName()
                        + " in call to function \"info\", got " + second.type().documentedName());
            }
            if (second instanceof VectorSelector vs && vs.name() != null) {
                p.error(second.position(), "expected label selectors only, got vector selector instead");
            } else if (second instanceof VectorSelector) {
                infoSelector = second;
            } else {
                p.error(second.position(), "expected label selectors only");
            }
        }
        List<Expr> checked = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            Expr arg = args.get(i);
            int typeIndex = i;
            if (i >= declared) {
                if (fn.variadic() == 0) {
                    checked.addAll(args.subList(i, args.size()));
                    break;
                }
                typeIndex = declared - 1;
            }
            Expr a = check(arg, arg == infoSelector);
            checked.add(a);
            ValueType want = fn.argTypes().get(typeIndex);
            if (a.type() != want) {
                p.error(arg.position(), "expected type " + want.documentedName() + " in call to function "
                        + GoStrings.quote(fn.name()) + ", got " + a.type().documentedName());
            }
        }
        return new Call(fn, checked, c.position());
    }

    private Expr unary(UnaryExpr u) {
        Expr inner = check(u.expr());
        ValueType t = inner.type();
        if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
            p.error(u.position(), "unary expression only allowed on expressions of type scalar or instant vector, got "
                    + GoStrings.quote(t.documentedName()));
        }
        return new UnaryExpr(u.op(), inner, u.position());
    }

    private Expr subquery(SubqueryExpr s) {
        Expr inner = check(s.expr());
        if (inner.type() != ValueType.VECTOR) {
            p.error(s.position(), "subquery is only allowed on instant vector, got " + inner.type().apiName() + " instead");
        }
        return new SubqueryExpr(inner, s.rangeMs(), s.rangeExpr(), s.stepMs(), s.stepExpr(), s.offsetMs(),
                s.offsetExpr(), s.at(), s.position());
    }

    private void selector(VectorSelector vs, boolean allowEmptyMatchers) {
        if (vs.name() != null) {
            // The last matcher is the one made from the name; any other __name__ matcher sets it
            // a second time.
            List<Matcher> ms = vs.matchers();
            for (int i = 0; i < ms.size() - 1; i++) {
                if (ms.get(i).name().equals(Labels.METRIC_NAME)) {
                    p.error(vs.position(), "metric name must not be set twice: " + GoStrings.quote(vs.name()) + " or "
                            + GoStrings.quote(ms.get(i).value()));
                }
            }
            return;
        }
        if (allowEmptyMatchers) {
            return;
        }
        // A selector must not select everything by accident (a typo such as {job=""}).
        for (Matcher m : vs.matchers()) {
            if (!m.matchesEmpty()) {
                return;
            }
        }
        p.error(vs.position(), "vector selector must contain at least one non-empty matcher");
    }
}
