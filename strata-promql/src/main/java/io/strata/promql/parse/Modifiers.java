package io.strata.promql.parse;

import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.DurationExpr;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.ast.SubqueryExpr;
import io.strata.promql.ast.VectorSelector;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What the postfix constructs do to the expression before them: {@code [range]},
 * {@code [range:step]}, {@code offset}, {@code @}, {@code anchored} and {@code smoothed}. Each
 * checks where it may appear with Prometheus's messages and returns the rebuilt node (the AST is
 * immutable where Prometheus's is mutated in place). Offsets, {@code @} and the extended range
 * modifiers of a range selector live on its inner selector, as in Prometheus.
 */
final class Modifiers {
    private static final String OFFSET_PLACEMENT =
            "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery";
    private static final String AT_PLACEMENT =
            "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery";
    private static final String RANGES_ONLY = "ranges only allowed for vector selectors";

    private final ParseState p;
    // A range over something other than a selector has no valid node; after reporting it, the
    // parse goes on with a placeholder so that later modifiers report what Prometheus reports.
    private final Set<MatrixSelector> invalidRanges = Collections.newSetFromMap(new IdentityHashMap<>());

    Modifiers(ParseState p) {
        this.p = p;
    }

    /** {@code expr [range]}, after the closing bracket. */
    Expr range(Expr e, Expr range, Token open, Token close) {
        String problem = null;
        if (!(e instanceof VectorSelector vs)) {
            problem = RANGES_ONLY;
        } else if (vs.offsetMs() != 0 || vs.offsetExpr() != null) {
            problem = "no offset modifiers allowed before range";
        } else if (vs.at().isSet()) {
            problem = "no @ modifiers allowed before range";
        }
        if (problem != null) {
            p.error(new PositionRange(open.pos(), close.end()), problem);
        }
        long rangeMs = range instanceof NumberLiteral nl ? DurationParser.toMillis(nl) : 0;
        Expr rangeExpr = range instanceof DurationExpr ? range : null;
        int start = e.position().start();
        if (e instanceof VectorSelector vs) {
            return new MatrixSelector(vs, rangeMs, rangeExpr, new PositionRange(start, p.lastClosing()));
        }
        VectorSelector placeholder =
                new VectorSelector(null, List.of(), 0, null, AtModifier.NONE, false, false, e.position());
        MatrixSelector invalid =
                new MatrixSelector(placeholder, rangeMs, rangeExpr, new PositionRange(start, p.lastClosing()));
        invalidRanges.add(invalid);
        return invalid;
    }

    /** {@code expr [range:step]} or {@code expr [range:]} ({@code step} null). */
    Expr subquery(Expr e, Expr range, Expr step, Token close) {
        long rangeMs = range instanceof NumberLiteral nl ? DurationParser.toMillis(nl) : 0;
        Expr rangeExpr = range instanceof DurationExpr ? range : null;
        long stepMs = step instanceof NumberLiteral nl ? DurationParser.toMillis(nl) : 0;
        Expr stepExpr = step instanceof DurationExpr ? step : null;
        return new SubqueryExpr(e, rangeMs, rangeExpr, stepMs, stepExpr, 0, null, AtModifier.NONE,
                new PositionRange(e.position().start(), close.pos() + 1));
    }

    /** {@code expr offset d}: {@code d} is a literal in seconds or a duration expression. */
    Expr offset(Expr e, Expr duration) {
        long offsetMs = duration instanceof NumberLiteral nl ? DurationParser.toMillis(nl) : 0;
        Expr offsetExpr = duration instanceof DurationExpr ? duration : null;
        int end = p.lastClosing();
        switch (e) {
            case VectorSelector vs -> {
                if (offsetSet(vs.offsetMs(), vs.offsetExpr())) {
                    p.error(e.position(), "offset may not be set multiple times");
                    return withEnd(vs, end);
                }
                return withEnd(vs.withOffset(offsetMs, offsetExpr), end);
            }
            case MatrixSelector ms -> {
                if (invalidRanges.contains(ms)) {
                    p.error(e.position(), RANGES_ONLY);
                    return e;
                }
                VectorSelector vs = ms.selector();
                if (offsetSet(vs.offsetMs(), vs.offsetExpr())) {
                    p.error(e.position(), "offset may not be set multiple times");
                } else {
                    vs = vs.withOffset(offsetMs, offsetExpr);
                }
                return new MatrixSelector(vs, ms.rangeMs(), ms.rangeExpr(), endAt(ms.position(), end));
            }
            case SubqueryExpr sq -> {
                if (offsetSet(sq.offsetMs(), sq.offsetExpr())) {
                    p.error(e.position(), "offset may not be set multiple times");
                    offsetMs = sq.offsetMs();
                    offsetExpr = sq.offsetExpr();
                }
                return new SubqueryExpr(sq.expr(), sq.rangeMs(), sq.rangeExpr(), sq.stepMs(), sq.stepExpr(),
                        offsetMs, offsetExpr, sq.at(), endAt(sq.position(), end));
            }
            default -> {
                p.error(e.position(), OFFSET_PLACEMENT);
                return e;
            }
        }
    }

    private static boolean offsetSet(long offsetMs, Expr offsetExpr) {
        return offsetMs != 0 || offsetExpr != null;
    }

    /** {@code expr @ t} with {@code t} in seconds. */
    Expr atTimestamp(Expr e, double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds >= 0x1p63 || seconds <= -0x1p63) {
            p.error(e.position(), "timestamp out of bounds for @ modifier: " + GoNumbers.formatFixed(seconds, 6));
        }
        // Prometheus's timestamp.FromFloatSeconds.
        long ms = GoNumbers.toLong(GoNumbers.roundHalfAwayFromZero(seconds * 1000));
        return setAt(e, AtModifier.at(ms));
    }

    /** {@code expr @ start()} or {@code expr @ end()}. */
    Expr atPreprocessor(Expr e, AtModifier which) {
        return setAt(e, which);
    }

    private Expr setAt(Expr e, AtModifier at) {
        int end = p.lastClosing();
        switch (e) {
            case VectorSelector vs -> {
                if (atAlreadySet(vs.at(), e)) {
                    return e;
                }
                return withEnd(vs.withAt(at), end);
            }
            case MatrixSelector ms -> {
                if (invalidRanges.contains(ms)) {
                    p.error(e.position(), RANGES_ONLY);
                    return e;
                }
                if (atAlreadySet(ms.selector().at(), e)) {
                    return e;
                }
                return new MatrixSelector(ms.selector().withAt(at), ms.rangeMs(), ms.rangeExpr(),
                        endAt(ms.position(), end));
            }
            case SubqueryExpr sq -> {
                if (atAlreadySet(sq.at(), e)) {
                    return e;
                }
                return new SubqueryExpr(sq.expr(), sq.rangeMs(), sq.rangeExpr(), sq.stepMs(), sq.stepExpr(),
                        sq.offsetMs(), sq.offsetExpr(), at, endAt(sq.position(), end));
            }
            default -> {
                p.error(e.position(), AT_PLACEMENT);
                return e;
            }
        }
    }

    private boolean atAlreadySet(AtModifier existing, Expr e) {
        if (existing.isSet()) {
            p.error(e.position(), "@ <timestamp> may not be set multiple times");
            return true;
        }
        return false;
    }

    /** {@code expr anchored}. */
    Expr anchored(Expr e) {
        return extendedRange(e, true);
    }

    /** {@code expr smoothed}. */
    Expr smoothed(Expr e) {
        return extendedRange(e, false);
    }

    private Expr extendedRange(Expr e, boolean anchored) {
        String name = anchored ? "anchored" : "smoothed";
        if (!p.options.extendedRangeSelectors()) {
            p.error(e.position(), name + " modifier is experimental and not enabled");
            return e;
        }
        switch (e) {
            case VectorSelector vs -> {
                return markExtended(vs, anchored, e);
            }
            case MatrixSelector ms -> {
                if (invalidRanges.contains(ms)) {
                    return e;
                }
                return new MatrixSelector(markExtended(ms.selector(), anchored, e), ms.rangeMs(), ms.rangeExpr(),
                        ms.position());
            }
            case SubqueryExpr sq -> {
                p.error(e.position(), name + " modifier is not supported for subqueries");
                return e;
            }
            default -> {
                p.error(e.position(), name + " modifier not implemented");
                return e;
            }
        }
    }

    private VectorSelector markExtended(VectorSelector vs, boolean anchored, Expr reported) {
        if (anchored ? vs.smoothed() : vs.anchored()) {
            p.error(reported.position(), "anchored and smoothed modifiers cannot be used together");
        }
        return anchored ? vs.withModifiers(true, vs.smoothed()) : vs.withModifiers(vs.anchored(), true);
    }

    private static VectorSelector withEnd(VectorSelector vs, int end) {
        return new VectorSelector(vs.name(), vs.matchers(), vs.offsetMs(), vs.offsetExpr(), vs.at(), vs.anchored(),
                vs.smoothed(), endAt(vs.position(), end));
    }

    private static PositionRange endAt(PositionRange r, int end) {
        return new PositionRange(r.start(), end);
    }
}
