package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.promql.ast.DurationExpr;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.ParenExpr;
import io.strata.promql.ast.UnaryExpr;

/**
 * Evaluates duration expressions ({@code [5m+step()]}, {@code offset -(1h % 25m)}) for one query.
 * Arithmetic is in float seconds, as in Prometheus, then rounded to milliseconds.
 */
final class Durations {
    private final double stepSeconds;
    private final double rangeSeconds;

    Durations(long queryStepMs, long queryRangeMs) {
        this.stepSeconds = queryStepMs / 1000.0;
        this.rangeSeconds = queryRangeMs / 1000.0;
    }

    /** The duration in ms: the literal when {@code expr} is null, else the evaluated expression. */
    long millis(long literalMs, Expr expr) {
        if (expr == null) {
            return literalMs;
        }
        double seconds = seconds(expr);
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || Math.abs(seconds) > 9.2e15) {
            throw new StrataException(ErrorCode.BAD_DATA, "duration out of range");
        }
        return Math.round(seconds * 1000);
    }

    double seconds(Expr expr) {
        return switch (expr) {
            case NumberLiteral n -> n.value();
            case ParenExpr p -> seconds(p.expr());
            case UnaryExpr u -> u.op() == io.strata.promql.ast.BinaryOp.SUB ? -seconds(u.expr()) : seconds(u.expr());
            case DurationExpr d -> switch (d.op()) {
                case STEP -> stepSeconds;
                case RANGE -> rangeSeconds;
                case NEG -> -seconds(d.rhs());
                case ADD -> seconds(d.lhs()) + seconds(d.rhs());
                case SUB -> seconds(d.lhs()) - seconds(d.rhs());
                case MUL -> seconds(d.lhs()) * seconds(d.rhs());
                case DIV -> divide(seconds(d.lhs()), seconds(d.rhs()), "division by zero");
                case MOD -> modulo(seconds(d.lhs()), seconds(d.rhs()));
                case POW -> Math.pow(seconds(d.lhs()), seconds(d.rhs()));
                case MIN_OF -> Math.min(seconds(d.lhs()), seconds(d.rhs()));
                case MAX_OF -> Math.max(seconds(d.lhs()), seconds(d.rhs()));
            };
            default -> throw new StrataException(ErrorCode.BAD_DATA,
                    "unexpected expression in a duration: " + expr.getClass().getSimpleName());
        };
    }

    private static double divide(double a, double b, String message) {
        if (b == 0) {
            throw new StrataException(ErrorCode.BAD_DATA, message);
        }
        return a / b;
    }

    private static double modulo(double a, double b) {
        if (b == 0) {
            throw new StrataException(ErrorCode.BAD_DATA, "modulo by zero");
        }
        return a % b;
    }
}
