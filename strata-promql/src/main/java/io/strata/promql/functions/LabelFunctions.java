package io.strata.promql.functions;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.StrataException;
import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.LabelNames;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;

import java.util.Map;

/**
 * {@code label_replace} and {@code label_join}: they rewrite one label of every series and leave
 * values and the name-dropping mark alone, except that writing {@code __name__} makes the name
 * stay (delayed name removal). Series that end up with the same labels are merged by the engine,
 * which fails the query where they overlap in time.
 */
final class LabelFunctions {
    private LabelFunctions() {
    }

    /**
     * {@code label_replace(v, dst, replacement, src, regex)}: where the fully anchored RE2
     * {@code regex} (with {@code .} matching newlines) matches the value of {@code src} (empty when
     * missing), sets {@code dst} to the expanded replacement; an empty result removes it.
     */
    static StepVector labelReplace(FunctionCall call) {
        String dst = call.stringArg(1);
        String replacement = call.stringArg(2);
        String src = call.stringArg(3);
        String regex = call.stringArg(4);
        Pattern pattern;
        try {
            pattern = Pattern.compile("^(?s:" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw new StrataException(ErrorCode.EXECUTION, "invalid regular expression in label_replace(): " + regex);
        }
        if (!LabelNames.isValid(dst)) {
            throw new StrataException(ErrorCode.EXECUTION, "invalid destination label name in label_replace(): " + dst);
        }
        Map<String, Integer> namedGroups = pattern.namedGroups();
        StepVector in = call.vectorArg(0);
        LabelsBuilder builder = new LabelsBuilder();
        for (StepSeries s : in.series()) {
            String value = s.labels().get(src);
            Matcher m = pattern.matcher(value == null ? "" : value);
            if (!m.matches()) {
                continue;
            }
            String replaced = RegexTemplate.expand(replacement, m, namedGroups);
            s.setLabels(withLabel(builder, s.labels(), dst, replaced));
            keepNameIfWritten(s, dst);
        }
        return in;
    }

    /**
     * {@code label_join(v, dst, separator, src...)}: sets {@code dst} to the values of the source
     * labels (empty when missing) joined by the separator; an empty result removes it.
     */
    static StepVector labelJoin(FunctionCall call) {
        String dst = call.stringArg(1);
        String separator = call.stringArg(2);
        String[] sources = new String[call.argCount() - 3];
        for (int i = 0; i < sources.length; i++) {
            String src = call.stringArg(i + 3);
            if (!LabelNames.isValid(src)) {
                throw new StrataException(ErrorCode.EXECUTION, "invalid source label name in label_join(): " + src);
            }
            sources[i] = src;
        }
        if (!LabelNames.isValid(dst)) {
            throw new StrataException(ErrorCode.EXECUTION, "invalid destination label name in label_join(): " + dst);
        }
        StepVector in = call.vectorArg(0);
        LabelsBuilder builder = new LabelsBuilder();
        StringBuilder joined = new StringBuilder();
        for (StepSeries s : in.series()) {
            joined.setLength(0);
            for (int i = 0; i < sources.length; i++) {
                if (i > 0) {
                    joined.append(separator);
                }
                String v = s.labels().get(sources[i]);
                if (v != null) {
                    joined.append(v);
                }
            }
            s.setLabels(withLabel(builder, s.labels(), dst, joined.toString()));
            keepNameIfWritten(s, dst);
        }
        return in;
    }

    private static Labels withLabel(LabelsBuilder builder, Labels labels, String name, String value) {
        builder.reset();
        labels.forEach(builder::add);
        builder.set(name, value);
        return builder.build();
    }

    /** A series whose {@code __name__} was just written keeps it, whatever came before. */
    private static void keepNameIfWritten(StepSeries s, String dst) {
        if (dst.equals(Labels.METRIC_NAME)) {
            s.setDropName(false);
        }
    }
}
