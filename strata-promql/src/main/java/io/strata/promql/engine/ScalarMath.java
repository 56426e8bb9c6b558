package io.strata.promql.engine;

import io.strata.promql.ast.BinaryOp;

/** Float arithmetic of binary operators, with Go's {@code math} semantics where Java's differ. */
final class ScalarMath {
    private ScalarMath() {
    }

    /** Arithmetic result, or for comparisons 1/0. */
    static double apply(BinaryOp op, double l, double r) {
        return switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> l / r;
            case POW -> pow(l, r);
            case MOD -> l % r;
            case ATAN2 -> Math.atan2(l, r);
            case EQL -> l == r ? 1 : 0;
            case NEQ -> l != r ? 1 : 0;
            case GTR -> l > r ? 1 : 0;
            case LSS -> l < r ? 1 : 0;
            case GTE -> l >= r ? 1 : 0;
            case LTE -> l <= r ? 1 : 0;
            default -> throw new IllegalStateException("BUG: operator " + op + " has no float semantics");
        };
    }

    /** For comparison operators: whether the pair passes. */
    static boolean compare(BinaryOp op, double l, double r) {
        return switch (op) {
            case EQL -> l == r;
            case NEQ -> l != r;
            case GTR -> l > r;
            case LSS -> l < r;
            case GTE -> l >= r;
            case LTE -> l <= r;
            default -> throw new IllegalStateException("BUG: not a comparison: " + op);
        };
    }

    /** Go's math.Pow: 1^y and (-1)^(+-Inf) are 1 (Java gives NaN). */
    static double pow(double x, double y) {
        if (x == 1 || y == 0) {
            return 1;
        }
        if (x == -1 && Double.isInfinite(y)) {
            return 1;
        }
        return Math.pow(x, y);
    }
}
