package io.strata.promql.parse;

import io.strata.promql.ast.DurationExpr;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.PositionRange;

/**
 * The grammar of durations inside {@code [...]} and after {@code offset}: a number or duration
 * literal ({@code 5m}, {@code 300}), or arithmetic on them with {@code step()}, {@code range()},
 * {@code min_of()} and {@code max_of()}. A literal (sign folded in) stays a {@link NumberLiteral}
 * holding seconds; anything else becomes a {@link DurationExpr} the engine evaluates per query.
 */
final class DurationParser {
    /** Go's {@code 1<<63/1e9}: the seconds a {@code time.Duration} can hold. */
    private static final double MAX_SECONDS = 9.223372036854775808E9;

    private static final int PRECEDENCE_ADD = 4;
    private static final int PRECEDENCE_MUL = 5;
    private static final int PRECEDENCE_POW = 6;

    private final ParseState p;

    DurationParser(ParseState p) {
        this.p = p;
    }

    /** Whether a token can begin a duration (range, step or offset). */
    static boolean canStart(TokenType t) {
        return switch (t) {
            case NUMBER, DURATION, ADD, SUB, LEFT_PAREN, STEP, RANGE, MAX_OF, MIN_OF -> true;
            default -> false;
        };
    }

    /** Milliseconds of a literal duration, as Go's {@code time.Duration(math.Round(v*1e9))} then ms. */
    static long toMillis(NumberLiteral nl) {
        return GoNumbers.toLong(GoNumbers.roundHalfAwayFromZero(nl.value() * 1e9)) / 1_000_000L;
    }

    /** {@code positive_duration_expr}: a range or step; a literal must be greater than zero. */
    Expr positive() {
        Expr e = expression();
        if (e instanceof NumberLiteral nl && nl.value() <= 0) {
            p.error(nl.position(), "duration must be greater than 0");
            return zero();
        }
        return e;
    }

    /**
     * {@code offset_duration_expr}. A literal, a signed literal, {@code step()}, {@code range()},
     * {@code min_of()}, {@code max_of()} or a signed parenthesis ends the offset, so
     * {@code foo offset 5m + 1m} adds 1m to the selector and {@code foo offset -2^2} raises
     * {@code foo offset -2} to the power 2 (Prometheus's grammar resolves its conflicts that way).
     * Anything else, e.g. {@code (5m + 1m)}, is a full duration expression.
     */
    Expr offset() {
        Token t = p.current();
        switch (t.type()) {
            case NUMBER, DURATION -> {
                return checkedLiteral(p.numberLiteral());
            }
            case STEP, RANGE -> {
                return stepOrRange();
            }
            case MAX_OF, MIN_OF -> {
                return minOrMax();
            }
            case ADD, SUB -> {
                Token sign = p.take();
                Token next = p.current();
                switch (next.type()) {
                    case NUMBER, DURATION -> {
                        return applySign(sign, p.numberLiteral());
                    }
                    case STEP, RANGE -> {
                        return applySign(sign, stepOrRange());
                    }
                    case MAX_OF, MIN_OF -> {
                        return applySign(sign, minOrMax());
                    }
                    case LEFT_PAREN -> {
                        return applySign(sign, parenthesized());
                    }
                    default -> {
                        // The general case: -(unary) and what follows it form one expression.
                        Expr operand = binary(PRECEDENCE_POW, unary());
                        return binary(1, applySign(sign, operand));
                    }
                }
            }
            default -> {
                return expression();
            }
        }
    }

    /** {@code duration_expr}. */
    Expr expression() {
        return binary(1, unary());
    }

    /** Precedence climbing over {@code + - * / % ^}, continuing from {@code lhs}. */
    private Expr binary(int minPrecedence, Expr lhs) {
        while (true) {
            Token opToken = p.current();
            DurationExpr.Op op = operator(opToken.type());
            if (op == null || precedence(op) < minPrecedence) {
                return lhs;
            }
            p.take();
            experimental(lhs);
            int next = op == DurationExpr.Op.POW ? PRECEDENCE_POW : precedence(op) + 1;
            Expr rhs = binary(next, unary());
            boolean zeroDivisor = rhs instanceof NumberLiteral nl && nl.value() == 0;
            if (zeroDivisor && op == DurationExpr.Op.DIV) {
                p.error(opToken.range(), "division by zero");
                lhs = zero();
            } else if (zeroDivisor && op == DurationExpr.Op.MOD) {
                p.error(opToken.range(), "modulo by zero");
                lhs = zero();
            } else {
                lhs = new DurationExpr(op, lhs, rhs, false,
                        new PositionRange(lhs.position().start(), rhs.position().end()));
            }
        }
    }

    /** A signed operand (binding tighter than everything but {@code ^}), or a primary. */
    private Expr unary() {
        p.descend();
        try {
            return signedOrPrimary();
        } finally {
            p.ascend();
        }
    }

    private Expr signedOrPrimary() {
        Token t = p.current();
        switch (t.type()) {
            case ADD, SUB -> {
                Token sign = p.take();
                return applySign(sign, binary(PRECEDENCE_POW, unary()));
            }
            case NUMBER, DURATION -> {
                return checkedLiteral(p.numberLiteral());
            }
            case STEP, RANGE -> {
                return stepOrRange();
            }
            case MAX_OF, MIN_OF -> {
                return minOrMax();
            }
            case LEFT_PAREN -> {
                return parenthesized();
            }
            default -> throw p.syntaxError();
        }
    }

    private Expr parenthesized() {
        p.take();
        Expr inner = expression();
        if (!p.at(TokenType.RIGHT_PAREN)) {
            throw p.syntaxError();
        }
        p.take();
        experimental(inner);
        // A parenthesised literal stays a literal; an expression remembers its parentheses so it
        // prints back the same.
        if (inner instanceof DurationExpr de) {
            return new DurationExpr(de.op(), de.lhs(), de.rhs(), true, de.position());
        }
        return inner;
    }

    private Expr stepOrRange() {
        Token keyword = p.take();
        if (!p.at(TokenType.LEFT_PAREN)) {
            throw p.syntaxError();
        }
        p.take();
        if (!p.at(TokenType.RIGHT_PAREN)) {
            throw p.syntaxError();
        }
        Token close = p.take();
        DurationExpr.Op op = keyword.is(TokenType.STEP) ? DurationExpr.Op.STEP : DurationExpr.Op.RANGE;
        DurationExpr e = new DurationExpr(op, null, null, false, new PositionRange(keyword.pos(), close.end()));
        experimental(e);
        return e;
    }

    private Expr minOrMax() {
        Token keyword = p.take();
        if (!p.at(TokenType.LEFT_PAREN)) {
            throw p.syntaxError();
        }
        p.take();
        Expr lhs = expression();
        if (!p.at(TokenType.COMMA)) {
            throw p.syntaxError();
        }
        p.take();
        Expr rhs = expression();
        if (!p.at(TokenType.RIGHT_PAREN)) {
            throw p.syntaxError();
        }
        Token close = p.take();
        DurationExpr.Op op = keyword.is(TokenType.MIN_OF) ? DurationExpr.Op.MIN_OF : DurationExpr.Op.MAX_OF;
        DurationExpr e = new DurationExpr(op, lhs, rhs, false, new PositionRange(keyword.pos(), close.end()));
        experimental(e);
        return e;
    }

    /**
     * Prometheus's {@code applyUnaryOpToDurationExpr}: a sign folds into a literal (and is checked
     * against the duration range again); {@code -} on an expression negates it; {@code +} on an
     * expression is dropped.
     */
    private Expr applySign(Token sign, Expr operand) {
        boolean minus = sign.is(TokenType.SUB);
        if (operand instanceof NumberLiteral nl) {
            double v = minus ? -nl.value() : nl.value();
            if (outOfRange(v)) {
                p.error(sign.range(), "duration out of range");
                return zero();
            }
            return new NumberLiteral(v, nl.duration(), new PositionRange(sign.pos(), nl.position().end()));
        }
        if (!minus) {
            return operand;
        }
        return new DurationExpr(DurationExpr.Op.NEG, null, operand, false,
                new PositionRange(sign.pos(), operand.position().end()));
    }

    private NumberLiteral checkedLiteral(NumberLiteral nl) {
        if (outOfRange(nl.value())) {
            p.error(nl.position(), "duration out of range");
            return zero();
        }
        return nl;
    }

    private static boolean outOfRange(double seconds) {
        return seconds > MAX_SECONDS || seconds < -MAX_SECONDS;
    }

    /** What Prometheus substitutes after an error: zero, with no position. */
    private static NumberLiteral zero() {
        return new NumberLiteral(0, false, PositionRange.NONE);
    }

    private void experimental(Expr e) {
        if (!p.options.durationExpressions()) {
            p.error(e.position(), "experimental duration expression is not enabled");
        }
    }

    private static DurationExpr.Op operator(TokenType t) {
        return switch (t) {
            case ADD -> DurationExpr.Op.ADD;
            case SUB -> DurationExpr.Op.SUB;
            case MUL -> DurationExpr.Op.MUL;
            case DIV -> DurationExpr.Op.DIV;
            case MOD -> DurationExpr.Op.MOD;
            case POW -> DurationExpr.Op.POW;
            default -> null;
        };
    }

    private static int precedence(DurationExpr.Op op) {
        return switch (op) {
            case ADD, SUB -> PRECEDENCE_ADD;
            case MUL, DIV, MOD -> PRECEDENCE_MUL;
            default -> PRECEDENCE_POW;
        };
    }
}
