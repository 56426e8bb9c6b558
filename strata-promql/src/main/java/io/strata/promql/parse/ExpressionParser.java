package io.strata.promql.parse;

import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.AggregateOp;
import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.BinaryOp;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.FunctionDef;
import io.strata.promql.ast.Functions;
import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.ParenExpr;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.ast.StringLiteral;
import io.strata.promql.ast.UnaryExpr;
import io.strata.promql.ast.VectorMatching;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The expression grammar: binary operators by precedence climbing, unary signs, and the
 * primaries (literals, selectors, calls, aggregations, parentheses) with their postfix modifiers.
 * Every choice mirrors how Prometheus's LALR grammar resolves it, for instance a unary sign binds
 * tighter than {@code *} but looser than {@code ^} ({@code -1^2} is {@code -(1^2)}), and an
 * aggregation keyword not followed by {@code (}, {@code by} or {@code without} is a metric name
 * ({@code foo * sum}).
 */
final class ExpressionParser {
    private static final String AGGREGATION = "aggregation";
    private static final int UNARY_OPERAND_PRECEDENCE = BinaryOp.POW.precedence();

    private final ParseState p;
    private final SelectorParser selectors;
    private final DurationParser durations;
    private final Modifiers modifiers;

    ExpressionParser(ParseState p) {
        this.p = p;
        this.selectors = new SelectorParser(p);
        this.durations = new DurationParser(p);
        this.modifiers = new Modifiers(p);
    }

    SelectorParser selectors() {
        return selectors;
    }

    /** {@code expr}. */
    Expr expression() {
        return binary(1);
    }

    private Expr binary(int minPrecedence) {
        Expr lhs = unary();
        while (true) {
            BinaryOp op = binaryOperator(p.current().type());
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            p.take();
            BinModifiers mods = binModifiers();
            Expr rhs = binary(op.isRightAssociative() ? op.precedence() : op.precedence() + 1);
            lhs = newBinary(lhs, op, mods, rhs);
        }
    }

    /** {@code unary_op expr %prec MUL}: a sign on a number literal folds into the literal. */
    private Expr unary() {
        // Every nested expression passes here, so this bounds the parser's recursion.
        p.descend();
        try {
            return signedOrPrimary();
        } finally {
            p.ascend();
        }
    }

    private Expr signedOrPrimary() {
        if (!p.at(TokenType.ADD) && !p.at(TokenType.SUB)) {
            return postfix(primary());
        }
        Token sign = p.take();
        Expr operand = binary(UNARY_OPERAND_PRECEDENCE);
        PositionRange where = new PositionRange(sign.pos(), operand.position().end());
        boolean minus = sign.is(TokenType.SUB);
        if (operand instanceof NumberLiteral nl) {
            return new NumberLiteral(minus ? -nl.value() : nl.value(), nl.duration(), where);
        }
        return new UnaryExpr(minus ? BinaryOp.SUB : BinaryOp.ADD, operand, where);
    }

    private Expr primary() {
        Token t = p.current();
        switch (t.type()) {
            case LEFT_PAREN -> {
                p.take();
                Expr inner = expression();
                if (!p.at(TokenType.RIGHT_PAREN)) {
                    throw p.syntaxError();
                }
                Token close = p.take();
                return new ParenExpr(inner, new PositionRange(t.pos(), close.end()));
            }
            case STRING -> {
                p.take();
                return new StringLiteral(p.unquoteToString(t), t.range());
            }
            case NUMBER, DURATION -> {
                return p.numberLiteral();
            }
            case LEFT_BRACE -> {
                return selectors.vectorSelector();
            }
            default -> {
                if (t.type().isAggregator()) {
                    TokenType next = p.peekSecond().type();
                    if (next == TokenType.LEFT_PAREN || next == TokenType.BY || next == TokenType.WITHOUT) {
                        return aggregation();
                    }
                }
                if (isCallee(t.type()) && p.peekSecond().is(TokenType.LEFT_PAREN)) {
                    return call();
                }
                if (SelectorParser.isMetricIdentifier(t.type())) {
                    return selectors.vectorSelector();
                }
                throw p.syntaxError();
            }
        }
    }

    /** Tokens that are a function call when followed by {@code (}. */
    private static boolean isCallee(TokenType t) {
        return switch (t) {
            case IDENTIFIER, START, END, STEP, RANGE, MAX_OF, MIN_OF -> true;
            default -> false;
        };
    }

    // ---- postfix modifiers ----

    /**
     * Ranges, subqueries, {@code offset}, {@code @}, {@code anchored} and {@code smoothed} bind
     * tighter than any operator and apply to the primary before them, in any number and order;
     * misplaced or repeated ones are reported by {@link Modifiers}.
     */
    private Expr postfix(Expr e) {
        while (true) {
            switch (p.current().type()) {
                case LEFT_BRACKET -> e = bracket(e);
                case OFFSET -> e = offset(e);
                case AT -> e = at(e);
                case ANCHORED -> {
                    p.take();
                    e = modifiers.anchored(e);
                }
                case SMOOTHED -> {
                    p.take();
                    e = modifiers.smoothed(e);
                }
                default -> {
                    return e;
                }
            }
        }
    }

    private Expr bracket(Expr e) {
        Token open = p.take();
        String rangeExpected = "number, duration, step(), or range()";
        Expr range = inProduction("subquery or range selector", rangeExpected, durations::positive);
        if (p.at(TokenType.COLON)) {
            p.take();
            if (p.at(TokenType.RIGHT_BRACKET)) {
                return modifiers.subquery(e, range, null, p.take());
            }
            String stepExpected = "number, duration, step(), range(), or \"]\"";
            Expr step = inProduction("subquery selector", stepExpected, durations::positive);
            if (!p.at(TokenType.RIGHT_BRACKET)) {
                throw p.syntaxError("subquery selector", "\"]\"");
            }
            return modifiers.subquery(e, range, step, p.take());
        }
        if (!p.at(TokenType.RIGHT_BRACKET)) {
            throw p.syntaxError("subquery or range", "\":\" or \"]\"");
        }
        return modifiers.range(e, range, open, p.take());
    }

    private Expr offset(Expr e) {
        p.take();
        Expr d = inProduction("offset", "number, duration, step(), or range()", durations::offset);
        return modifiers.offset(e, d);
    }

    private Expr at(Expr e) {
        p.take();
        p.pushProduction("@", "timestamp");
        try {
            Token t = p.current();
            if (t.is(TokenType.START) || t.is(TokenType.END)) {
                p.take();
                if (!p.at(TokenType.LEFT_PAREN)) {
                    throw p.syntaxError();
                }
                p.take();
                if (!p.at(TokenType.RIGHT_PAREN)) {
                    throw p.syntaxError();
                }
                p.take();
                return modifiers.atPreprocessor(e, t.is(TokenType.START) ? AtModifier.START : AtModifier.END);
            }
            if (!isSignedNumberStart(t.type())) {
                throw p.syntaxError("@", "timestamp");
            }
            return modifiers.atTimestamp(e, signedNumber());
        } finally {
            p.popProduction();
        }
    }

    /** A construct whose yacc state has an {@code error} production naming {@code context}. */
    private Expr inProduction(String context, String expected, Supplier<Expr> body) {
        if (!DurationParser.canStart(p.current().type())) {
            throw p.syntaxError(context, expected);
        }
        p.pushProduction(context, expected);
        try {
            return body.get();
        } finally {
            p.popProduction();
        }
    }

    private static boolean isSignedNumberStart(TokenType t) {
        return t == TokenType.NUMBER || t == TokenType.DURATION || t == TokenType.ADD || t == TokenType.SUB;
    }

    /** {@code signed_or_unsigned_number}: a number or duration (in seconds) with an optional sign. */
    private double signedNumber() {
        boolean minus = false;
        if (p.at(TokenType.ADD) || p.at(TokenType.SUB)) {
            minus = p.take().is(TokenType.SUB);
        }
        Token t = p.current();
        if (!t.is(TokenType.NUMBER) && !t.is(TokenType.DURATION)) {
            throw p.syntaxError();
        }
        p.take();
        double v = t.is(TokenType.DURATION) ? p.durationSeconds(t) : p.numberValue(t);
        return minus ? -v : v;
    }

    // ---- aggregations and calls ----

    /**
     * {@code aggregate_expr}: {@code op [by|without (...)] (args) [by|without (...)]}. A syntax
     * error inside it that no inner construct claims is reported "in aggregation", and then, as
     * in Prometheus, the aggregation is built with no arguments, which reports that too.
     */
    private Expr aggregation() {
        Token op = p.take();
        p.pushProduction(AGGREGATION, "");
        int depth = p.productionDepth();
        try {
            if (p.at(TokenType.BY) || p.at(TokenType.WITHOUT)) {
                boolean without = p.take().is(TokenType.WITHOUT);
                List<String> grouping = selectors.groupingLabels();
                List<Expr> args = callArguments();
                return newAggregation(op, grouping, without, args, p.lastClosing());
            }
            if (!p.at(TokenType.LEFT_PAREN)) {
                throw p.syntaxError();
            }
            List<Expr> args = callArguments();
            if (p.at(TokenType.BY) || p.at(TokenType.WITHOUT)) {
                boolean without = p.take().is(TokenType.WITHOUT);
                List<String> grouping = selectors.groupingLabels();
                return newAggregation(op, grouping, without, args, p.lastClosing());
            }
            // Looking for by/without read the token after ")"; find that ")" again.
            return newAggregation(op, List.of(), false, args, p.findPrevRightParen(p.lastClosing()));
        } catch (ParseState.SyntaxAbort abort) {
            if (p.claimAbort(depth)) {
                // Prometheus's "aggregate_op error" action builds the aggregation with no
                // arguments, which reports that as well.
                newAggregation(op, List.of(), false, List.of(), p.lastClosing());
            }
            throw abort;
        } finally {
            p.popProduction();
        }
    }

    private AggregateExpr newAggregation(Token opToken, List<String> grouping, boolean without, List<Expr> args,
            int end) {
        AggregateOp op = AggregateOp.byKeyword(opToken.text());
        PositionRange where = new PositionRange(opToken.pos(), end);
        if (args.isEmpty()) {
            p.error(where, "no arguments for aggregate expression provided");
            return new AggregateExpr(op, null, null, grouping, without, where);
        }
        int wanted = 1;
        Expr param = null;
        if (op.hasParam()) {
            if (op.experimental() && !p.options.experimentalFunctions()) {
                p.error(where, op.text()
                        + "() is experimental and must be enabled with --enable-feature=promql-experimental-functions");
                return new AggregateExpr(op, null, null, grouping, without, where);
            }
            wanted = 2;
            param = args.getFirst();
        }
        if (args.size() != wanted) {
            p.error(where, "wrong number of arguments for aggregate expression provided, expected " + wanted
                    + ", got " + args.size());
            return new AggregateExpr(op, null, param, grouping, without, where);
        }
        return new AggregateExpr(op, args.get(wanted - 1), param, grouping, without, where);
    }

    /** {@code function_call}; the function is looked up once its arguments are parsed, as in Prometheus. */
    private Expr call() {
        Token name = p.take();
        List<Expr> args = callArguments();
        FunctionDef fn = Functions.lookup(name.text());
        if (fn == null) {
            p.error(name.range(), "unknown function with name " + GoStrings.quote(name.text()));
        } else if (fn.experimental() && !p.options.experimentalFunctions()) {
            p.error(name.range(), "function " + GoStrings.quote(name.text()) + " is not enabled");
        }
        return new Call(fn, args, new PositionRange(name.pos(), p.lastClosing()));
    }

    /** {@code function_call_body}: {@code (a, b, ...)}; a trailing comma is parsed, then reported. */
    private List<Expr> callArguments() {
        if (!p.at(TokenType.LEFT_PAREN)) {
            throw p.syntaxError();
        }
        p.take();
        List<Expr> args = new ArrayList<>();
        if (p.at(TokenType.RIGHT_PAREN)) {
            p.take();
            return args;
        }
        args.add(expression());
        while (true) {
            if (p.at(TokenType.RIGHT_PAREN)) {
                p.take();
                return args;
            }
            if (!p.at(TokenType.COMMA)) {
                throw p.syntaxError();
            }
            Token comma = p.take();
            if (canStartExpression(p.current().type())) {
                args.add(expression());
            } else {
                p.error(comma.range(), "trailing commas not allowed in function call args");
            }
        }
    }

    private static boolean canStartExpression(TokenType t) {
        return switch (t) {
            case NUMBER, DURATION, STRING, LEFT_PAREN, LEFT_BRACE, ADD, SUB -> true;
            default -> SelectorParser.isMetricIdentifier(t);
        };
    }

    // ---- binary operators ----

    private record BinModifiers(
            boolean returnBool,
            List<String> matching,
            boolean on,
            VectorMatching.Cardinality cardinality,
            List<String> include,
            Double fillLeft,
            Double fillRight) {
    }

    /**
     * {@code bool}, then {@code on|ignoring (...)} with an optional {@code group_left|group_right
     * [(...)]}, then {@code fill(v)} or {@code fill_left(v)}/{@code fill_right(v)} in either
     * order.
     */
    private BinModifiers binModifiers() {
        boolean returnBool = false;
        if (p.at(TokenType.BOOL)) {
            p.take();
            returnBool = true;
        }
        List<String> matching = List.of();
        boolean on = false;
        VectorMatching.Cardinality card = VectorMatching.Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        if (p.at(TokenType.ON) || p.at(TokenType.IGNORING)) {
            on = p.take().is(TokenType.ON);
            matching = selectors.groupingLabels();
            if (p.at(TokenType.GROUP_LEFT) || p.at(TokenType.GROUP_RIGHT)) {
                card = p.take().is(TokenType.GROUP_LEFT)
                        ? VectorMatching.Cardinality.MANY_TO_ONE
                        : VectorMatching.Cardinality.ONE_TO_MANY;
                if (p.at(TokenType.LEFT_PAREN)) {
                    include = selectors.groupingLabels();
                }
            }
        }
        Double fillLeft = null;
        Double fillRight = null;
        if (p.at(TokenType.FILL)) {
            p.take();
            // One boxed value for both sides: the printer tells fill(v) from fill_left(v)
            // fill_right(v) by identity, as Prometheus compares the pointers.
            fillLeft = fillValue();
            fillRight = fillLeft;
        } else if (p.at(TokenType.FILL_LEFT)) {
            p.take();
            fillLeft = fillValue();
            if (p.at(TokenType.FILL_RIGHT)) {
                p.take();
                fillRight = fillValue();
            }
        } else if (p.at(TokenType.FILL_RIGHT)) {
            p.take();
            fillRight = fillValue();
            if (p.at(TokenType.FILL_LEFT)) {
                p.take();
                fillLeft = fillValue();
            }
        }
        return new BinModifiers(returnBool, matching, on, card, include, fillLeft, fillRight);
    }

    /** {@code ( [+|-] number )}. */
    private Double fillValue() {
        if (!p.at(TokenType.LEFT_PAREN)) {
            throw p.syntaxError();
        }
        p.take();
        boolean minus = false;
        if (p.at(TokenType.ADD) || p.at(TokenType.SUB)) {
            minus = p.take().is(TokenType.SUB);
        }
        if (!p.at(TokenType.NUMBER) && !p.at(TokenType.DURATION)) {
            throw p.syntaxError();
        }
        NumberLiteral nl = p.numberLiteral();
        if (!p.at(TokenType.RIGHT_PAREN)) {
            throw p.syntaxError();
        }
        p.take();
        return minus ? -nl.value() : nl.value();
    }

    private BinaryExpr newBinary(Expr lhs, BinaryOp op, BinModifiers m, Expr rhs) {
        VectorMatching matching = new VectorMatching(m.cardinality(), m.matching(), m.on(), m.include(), m.fillLeft(),
                m.fillRight());
        PositionRange where = new PositionRange(lhs.position().start(), rhs.position().end());
        BinaryExpr b = new BinaryExpr(op, lhs, rhs, matching, m.returnBool(), where);
        if (!p.options.binopFillModifiers() && (m.fillLeft() != null || m.fillRight() != null)) {
            p.error(where, "binop fill modifiers are experimental and not enabled");
        }
        return b;
    }

    private static BinaryOp binaryOperator(TokenType t) {
        return switch (t) {
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MOD -> BinaryOp.MOD;
            case POW -> BinaryOp.POW;
            case ATAN2 -> BinaryOp.ATAN2;
            case EQLC -> BinaryOp.EQL;
            case NEQ -> BinaryOp.NEQ;
            case GTR -> BinaryOp.GTR;
            case LSS -> BinaryOp.LSS;
            case GTE -> BinaryOp.GTE;
            case LTE -> BinaryOp.LTE;
            case TRIM_UPPER -> BinaryOp.TRIM_UPPER;
            case TRIM_LOWER -> BinaryOp.TRIM_LOWER;
            case LAND -> BinaryOp.AND;
            case LOR -> BinaryOp.OR;
            case LUNLESS -> BinaryOp.UNLESS;
            default -> null;
        };
    }
}
