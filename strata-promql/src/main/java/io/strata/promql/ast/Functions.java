package io.strata.promql.ast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.strata.promql.ast.ValueType.MATRIX;
import static io.strata.promql.ast.ValueType.SCALAR;
import static io.strata.promql.ast.ValueType.STRING;
import static io.strata.promql.ast.ValueType.VECTOR;

/**
 * Every function PromQL knows (Prometheus 3.14), with its signature. Experimental ones need the
 * {@code promql-experimental-functions} feature at parse time, as in Prometheus. {@code min_of}
 * and {@code max_of} are both duration-expression operators (inside {@code [...]} and after
 * {@code offset}, where they are not calls) and experimental scalar functions elsewhere
 * ({@code min_of(3, 5)} is 3).
 */
public final class Functions {
    private static final Map<String, FunctionDef> BY_NAME = build();

    private Functions() {
    }

    /** The function called {@code name} (case-sensitive), or {@code null}. */
    public static FunctionDef lookup(String name) {
        return BY_NAME.get(name);
    }

    /** All functions, in the order they were declared. */
    public static Map<String, FunctionDef> all() {
        return BY_NAME;
    }

    private static Map<String, FunctionDef> build() {
        Map<String, FunctionDef> m = new LinkedHashMap<>();
        for (String f : List.of("abs", "ceil", "exp", "floor", "ln", "log2", "log10", "sqrt", "sgn",
                "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh",
                "deg", "rad", "absent", "sort", "sort_desc", "timestamp",
                "histogram_avg", "histogram_count", "histogram_sum", "histogram_stddev", "histogram_stdvar")) {
            put(m, f, List.of(VECTOR), 0, VECTOR, false);
        }
        for (String f : List.of("avg_over_time", "count_over_time", "last_over_time", "first_over_time",
                "max_over_time", "min_over_time", "sum_over_time", "stddev_over_time", "stdvar_over_time",
                "present_over_time", "absent_over_time", "changes", "resets", "delta", "deriv", "idelta",
                "increase", "irate", "rate")) {
            put(m, f, List.of(MATRIX), 0, VECTOR, false);
        }
        for (String f : List.of("mad_over_time", "ts_of_min_over_time", "ts_of_max_over_time",
                "ts_of_last_over_time", "ts_of_first_over_time")) {
            put(m, f, List.of(MATRIX), 0, VECTOR, true);
        }
        for (String f : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour",
                "minute", "month", "year")) {
            put(m, f, List.of(VECTOR), 1, VECTOR, false);
        }
        put(m, "clamp", List.of(VECTOR, SCALAR, SCALAR), 0, VECTOR, false);
        put(m, "clamp_max", List.of(VECTOR, SCALAR), 0, VECTOR, false);
        put(m, "clamp_min", List.of(VECTOR, SCALAR), 0, VECTOR, false);
        put(m, "round", List.of(VECTOR, SCALAR), 1, VECTOR, false);
        put(m, "histogram_fraction", List.of(SCALAR, SCALAR, VECTOR), 0, VECTOR, false);
        put(m, "histogram_quantile", List.of(SCALAR, VECTOR), 0, VECTOR, false);
        put(m, "histogram_quantiles", List.of(VECTOR, STRING, SCALAR), -1, VECTOR, true);
        put(m, "quantile_over_time", List.of(SCALAR, MATRIX), 0, VECTOR, false);
        put(m, "predict_linear", List.of(MATRIX, SCALAR), 0, VECTOR, false);
        put(m, "double_exponential_smoothing", List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR, true);
        put(m, "label_replace", List.of(VECTOR, STRING, STRING, STRING, STRING), 0, VECTOR, false);
        put(m, "label_join", List.of(VECTOR, STRING, STRING, STRING), -1, VECTOR, false);
        put(m, "sort_by_label", List.of(VECTOR, STRING), -1, VECTOR, true);
        put(m, "sort_by_label_desc", List.of(VECTOR, STRING), -1, VECTOR, true);
        put(m, "info", List.of(VECTOR, VECTOR), 1, VECTOR, true);
        put(m, "start_timestamp", List.of(VECTOR), 1, VECTOR, true);
        put(m, "scalar", List.of(VECTOR), 0, SCALAR, false);
        put(m, "vector", List.of(SCALAR), 0, VECTOR, false);
        put(m, "min_of", List.of(SCALAR, SCALAR), 0, SCALAR, true);
        put(m, "max_of", List.of(SCALAR, SCALAR), 0, SCALAR, true);
        put(m, "pi", List.of(), 0, SCALAR, false);
        put(m, "time", List.of(), 0, SCALAR, false);
        for (String f : List.of("start", "end", "range", "step")) {
            put(m, f, List.of(), 0, SCALAR, true);
        }
        return Collections.unmodifiableMap(m);
    }

    private static void put(
            Map<String, FunctionDef> m, String name, List<ValueType> args, int variadic, ValueType ret,
            boolean experimental) {
        m.put(name, new FunctionDef(name, args, variadic, ret, experimental));
    }
}
