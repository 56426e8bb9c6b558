package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.ast.VectorSelector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The experimental {@code info(v, {data-label selector})}: adds the data labels of info series
 * ({@code target_info} unless the selector names others) that share the identifying labels
 * {@code instance} and {@code job} with each series of {@code v}, at each step.
 */
final class InfoFunction {
    private static final String TARGET_INFO = "target_info";
    private static final String INFO_NAME_PATTERN = ".+_info";
    private static final List<String> IDENTIFYING = List.of("instance", "job");

    private final EvalContext ctx;
    private final Evaluator evaluator;
    private final Selectors selectors;

    InfoFunction(EvalContext ctx, Evaluator evaluator, Selectors selectors) {
        this.ctx = ctx;
        this.evaluator = evaluator;
        this.selectors = selectors;
    }

    StepVector eval(Call c, StepGrid grid) {
        StepVector base = evaluator.evalVector(c.args().getFirst(), grid);
        Map<String, List<Matcher>> dataMatchers = new LinkedHashMap<>();
        List<Matcher> infoNameMatchers = new ArrayList<>();
        if (c.args().size() > 1) {
            VectorSelector selector = (VectorSelector) Evaluator.unwrapParens(c.args().get(1));
            for (Matcher m : selector.matchers()) {
                dataMatchers.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
                if (m.name().equals(Labels.METRIC_NAME)) {
                    infoNameMatchers.add(m);
                }
            }
        }
        // Which series are info series: target_info by default; with only negative name
        // matchers, any *_info metric they do not exclude.
        if (infoNameMatchers.isEmpty()) {
            infoNameMatchers.add(Matcher.metricName(TARGET_INFO));
        } else if (infoNameMatchers.stream().noneMatch(InfoFunction::positive)) {
            infoNameMatchers.add(Matcher.regex(Labels.METRIC_NAME, INFO_NAME_PATTERN));
        }
        List<StepSeries> series = base.series();
        boolean[] ignored = new boolean[series.size()];
        Map<String, Set<String>> idValues = new LinkedHashMap<>();
        for (int i = 0; i < series.size(); i++) {
            Labels l = series.get(i).labels();
            String name = l.metricName();
            if (allMatch(infoNameMatchers, name == null ? "" : name)) {
                ignored[i] = true;
                continue;
            }
            for (String id : IDENTIFYING) {
                String v = l.get(id);
                if (v != null && !v.isEmpty()) {
                    idValues.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(v);
                }
            }
        }
        StepVector info = idValues.isEmpty()
                ? StepVector.empty(grid)
                : fetchInfo(idValues, infoNameMatchers, dataMatchers, referenceTime(c.args().getFirst()), grid);
        dataMatchers.remove(Labels.METRIC_NAME);
        long held = base.pointCount() + info.pointCount();
        StepVector out = combine(base, ignored, info, dataMatchers, grid);
        ctx.budget().release(held);
        ctx.budget().acquire(out.pointCount());
        return out;
    }

    private StepVector fetchInfo(Map<String, Set<String>> idValues, List<Matcher> infoNameMatchers,
            Map<String, List<Matcher>> dataMatchers, TimeShift reference, StepGrid grid) {
        List<Matcher> matchers = new ArrayList<>(infoNameMatchers);
        for (Map.Entry<String, Set<String>> e : idValues.entrySet()) {
            StringBuilder re = new StringBuilder();
            for (String v : e.getValue()) {
                if (!re.isEmpty()) {
                    re.append('|');
                }
                re.append(com.google.re2j.Pattern.quote(v));
            }
            matchers.add(Matcher.regex(e.getKey(), re.toString()));
        }
        for (Map.Entry<String, List<Matcher>> e : dataMatchers.entrySet()) {
            if (!e.getKey().equals(Labels.METRIC_NAME)) {
                matchers.addAll(e.getValue());
            }
        }
        VectorSelector infoSelector = new VectorSelector(null, matchers, reference.fixed() ? 0 : reference.ms(), null,
                reference.fixed() ? AtModifier.at(reference.ms()) : AtModifier.NONE, false, false, PositionRange.NONE);
        // Values are the info samples' own timestamps: the newest info series wins a conflict.
        return selectors.instant(infoSelector, grid, true);
    }

    private StepVector combine(StepVector base, boolean[] ignored, StepVector info,
            Map<String, List<Matcher>> dataMatchers, StepGrid grid) {
        List<StepSeries> infoSeries = info.series();
        String[] infoSig = new String[infoSeries.size()];
        Set<String> names = new LinkedHashSet<>();
        for (int j = 0; j < infoSeries.size(); j++) {
            Labels l = infoSeries.get(j).labels();
            names.add(l.metricName());
            infoSig[j] = signature(l.metricName(), l);
        }
        List<String> infoNames = new ArrayList<>(names);
        boolean allMatchEmpty = true;
        for (List<Matcher> ms : dataMatchers.values()) {
            for (Matcher m : ms) {
                allMatchEmpty &= m.matches("");
            }
        }
        List<StepSeries> series = base.series();
        // Per base series, computed once: its signature against each info metric, and the last
        // enrichment with the info series it was made from (these rarely change between steps).
        String[][] baseSigs = new String[series.size()][];
        int[][] lastChosen = new int[series.size()][];
        Labels[] lastLabels = new Labels[series.size()];
        int[] chosen = new int[infoNames.size()];
        Map<Labels, StepSeries> out = new LinkedHashMap<>();
        Map<String, Integer> newest = new HashMap<>();
        for (int step = 0; step < grid.count(); step++) {
            newest.clear();
            for (int j = 0; j < infoSeries.size(); j++) {
                StepSeries is = infoSeries.get(j);
                if (!is.has(step)) {
                    continue;
                }
                Integer existing = newest.get(infoSig[j]);
                if (existing == null) {
                    newest.put(infoSig[j], j);
                    continue;
                }
                double existingT = infoSeries.get(existing).value(step);
                double t = is.value(step);
                if (t > existingT) {
                    newest.put(infoSig[j], j);
                } else if (t == existingT) {
                    throw new StrataException(ErrorCode.EXECUTION, "found duplicate series for info metric: existing "
                            + LabelsText.braces(infoSeries.get(existing).labels()) + " @ " + (long) (existingT * 1000) + ", new "
                            + LabelsText.braces(is.labels()) + " @ " + (long) (t * 1000));
                }
            }
            for (int i = 0; i < series.size(); i++) {
                StepSeries bs = series.get(i);
                if (!bs.has(step)) {
                    continue;
                }
                Labels labels = bs.labels();
                if (!ignored[i]) {
                    if (baseSigs[i] == null) {
                        baseSigs[i] = new String[infoNames.size()];
                        for (int k = 0; k < infoNames.size(); k++) {
                            baseSigs[i][k] = signature(infoNames.get(k), labels);
                        }
                    }
                    for (int k = 0; k < chosen.length; k++) {
                        chosen[k] = newest.getOrDefault(baseSigs[i][k], -1);
                    }
                    if (lastChosen[i] == null || !Arrays.equals(lastChosen[i], chosen)) {
                        lastChosen[i] = chosen.clone();
                        lastLabels[i] = enrich(labels, chosen, infoSeries, dataMatchers, allMatchEmpty);
                    }
                    labels = lastLabels[i];
                }
                if (labels == null) {
                    continue;
                }
                StepSeries o = out.get(labels);
                if (o == null) {
                    o = new StepSeries(labels, grid.count());
                    o.setDropName(bs.dropName());
                    out.put(labels, o);
                } else if (o.has(step)) {
                    throw new StrataException(ErrorCode.EXECUTION, SeriesMerger.DUPLICATE_LABELSET);
                }
                o.set(step, bs.value(step));
            }
        }
        return new StepVector(grid, new ArrayList<>(out.values()));
    }

    /**
     * The base labels plus the data labels of the chosen info series (one per info metric, -1
     * for none), or null when the series must go.
     */
    private static Labels enrich(Labels baseLabels, int[] chosen, List<StepSeries> infoSeries,
            Map<String, List<Matcher>> dataMatchers, boolean allMatchEmpty) {
        Map<String, String> added = new LinkedHashMap<>();
        int matched = 0;
        for (int j : chosen) {
            if (j < 0) {
                continue;
            }
            matched++;
            Map<String, String> infoLabels = infoSeries.get(j).labels().toMap();
            for (Map.Entry<String, String> l : infoLabels.entrySet()) {
                String name = l.getKey();
                if (name.equals(Labels.METRIC_NAME)) {
                    continue;
                }
                if (!dataMatchers.isEmpty() && !dataMatchers.containsKey(name)) {
                    continue;
                }
                String already = added.get(name);
                if (already != null && !already.equals(l.getValue())) {
                    throw new StrataException(ErrorCode.EXECUTION, "conflicting label: " + name);
                }
                if (baseLabels.has(name)) {
                    continue;
                }
                added.put(name, l.getValue());
            }
        }
        if (matched == 0 && !allMatchEmpty) {
            return null;
        }
        if (added.isEmpty()) {
            return baseLabels;
        }
        LabelsBuilder b = new LabelsBuilder();
        baseLabels.forEach(b::add);
        added.forEach(b::set);
        return b.build();
    }

    private static String signature(String infoName, Labels labels) {
        StringBuilder sb = new StringBuilder(infoName);
        for (String id : IDENTIFYING) {
            String v = labels.get(id);
            sb.append('\u0000');
            if (v != null && !v.isEmpty()) {
                sb.append(id).append('=').append(v);
            }
        }
        return sb.toString();
    }

    private static boolean positive(Matcher m) {
        return m.type() == io.strata.model.MatchType.EQUAL || m.type() == io.strata.model.MatchType.REGEX;
    }

    /**
     * When the info series are looked at: as of the time the first selector of the argument reads,
     * so {@code @} and {@code offset} on it (or on subqueries around it) move the lookup too.
     * Either a fixed time ({@code fixed}) or the step time minus {@code ms}.
     */
    record TimeShift(boolean fixed, long ms) {
        TimeShift then(AtModifier at, long offsetMs, EvalContext ctx) {
            return switch (at.kind()) {
                case TIMESTAMP -> new TimeShift(true, at.timestampMs() - offsetMs);
                case START -> new TimeShift(true, ctx.queryStartMs() - offsetMs);
                case END -> new TimeShift(true, ctx.queryEndMs() - offsetMs);
                case NONE -> fixed ? new TimeShift(true, ms - offsetMs) : new TimeShift(false, ms + offsetMs);
            };
        }
    }

    private TimeShift referenceTime(io.strata.promql.ast.Expr arg) {
        TimeShift found = firstSelector(arg, new TimeShift(false, 0));
        return found == null ? new TimeShift(false, 0) : found;
    }

    private TimeShift firstSelector(io.strata.promql.ast.Expr e, TimeShift shift) {
        return switch (e) {
            case VectorSelector vs -> shift.then(vs.at(), selectors.offsetMs(vs), ctx);
            case io.strata.promql.ast.MatrixSelector ms -> firstSelector(ms.selector(), shift);
            case io.strata.promql.ast.SubqueryExpr sq -> firstSelector(sq.expr(),
                    shift.then(sq.at(), evaluator.durations().millis(sq.offsetMs(), sq.offsetExpr()), ctx));
            case io.strata.promql.ast.ParenExpr p -> firstSelector(p.expr(), shift);
            case io.strata.promql.ast.UnaryExpr u -> firstSelector(u.expr(), shift);
            case io.strata.promql.ast.Call call -> firstOf(call.args(), shift);
            case io.strata.promql.ast.AggregateExpr a -> {
                TimeShift p = a.param() == null ? null : firstSelector(a.param(), shift);
                yield p != null ? p : firstSelector(a.expr(), shift);
            }
            case io.strata.promql.ast.BinaryExpr b -> {
                TimeShift l = firstSelector(b.lhs(), shift);
                yield l != null ? l : firstSelector(b.rhs(), shift);
            }
            default -> null;
        };
    }

    private TimeShift firstOf(List<io.strata.promql.ast.Expr> exprs, TimeShift shift) {
        for (io.strata.promql.ast.Expr e : exprs) {
            TimeShift found = firstSelector(e, shift);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static boolean allMatch(List<Matcher> matchers, String value) {
        for (Matcher m : matchers) {
            if (!m.matches(value)) {
                return false;
            }
        }
        return true;
    }
}
