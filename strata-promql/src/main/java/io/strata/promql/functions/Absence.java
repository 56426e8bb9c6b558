package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.VectorSelector;
import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.RangeArg;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code absent(v)} and {@code absent_over_time(r)}: 1 at the steps where the argument has no
 * value at all, labelled with what the argument's selector pins down.
 */
final class Absence {
    private Absence() {
    }

    static StepVector absent(FunctionCall call) {
        StepVector in = call.vectorArg(0);
        boolean[] present = new boolean[call.grid().count()];
        for (StepSeries s : in.series()) {
            for (int i = s.nextPresent(0); i >= 0; i = s.nextPresent(i + 1)) {
                present[i] = true;
            }
        }
        return onesWhereAbsent(call, present);
    }

    /** A step counts as present when any series has a sample in its window. */
    static StepVector absentOverTime(FunctionCall call) {
        RangeArg range = call.rangeArg(0);
        boolean[] present = new boolean[call.grid().count()];
        range.forEachSeries((labels, dropName, ts, values, length) -> {
            call.checkInterrupted();
            int from = 0;
            int to = 0;
            for (int step = 0; step < present.length; step++) {
                long end = range.windowEnd(step);
                long start = end - range.rangeMs();
                while (to < length && ts[to] <= end) {
                    to++;
                }
                while (from < to && ts[from] <= start) {
                    from++;
                }
                if (to > from) {
                    present[step] = true;
                }
            }
        });
        return onesWhereAbsent(call, present);
    }

    private static StepVector onesWhereAbsent(FunctionCall call, boolean[] present) {
        List<StepSeries> out = new ArrayList<>(1);
        StepSeries s = null;
        for (int i = 0; i < present.length; i++) {
            if (!present[i]) {
                if (s == null) {
                    s = call.newSeries(labelsFor(call.argExpr(0)));
                }
                s.set(i, 1);
            }
        }
        if (s != null) {
            out.add(s);
        }
        return new StepVector(call.grid(), out);
    }

    /**
     * The labels a selector argument pins to one value: its equality matchers, minus the metric
     * name. A label matched twice, or matched otherwise than by equality, is left out (Prometheus
     * keeps this for compatibility: {@code absent(x{job="a",job="b"})} has no job label). Any
     * other argument gives no labels.
     */
    static Labels labelsFor(Expr arg) {
        Expr e = ArgPositions.unwrap(arg);
        List<Matcher> matchers;
        if (e instanceof VectorSelector vs) {
            matchers = vs.matchers();
        } else if (e instanceof MatrixSelector ms) {
            matchers = ms.selector().matchers();
        } else {
            return Labels.EMPTY;
        }
        LabelsBuilder b = new LabelsBuilder();
        Set<String> seen = new HashSet<>();
        for (Matcher m : matchers) {
            if (m.name().equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (m.type() == MatchType.EQUAL && seen.add(m.name())) {
                b.set(m.name(), m.value());
            } else {
                b.remove(m.name());
            }
        }
        return b.build();
    }
}
