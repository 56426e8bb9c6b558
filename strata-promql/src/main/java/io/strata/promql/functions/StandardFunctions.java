package io.strata.promql.functions;

import io.strata.promql.ast.Functions;
import io.strata.promql.engine.FunctionImpl;
import io.strata.promql.engine.FunctionTable;

import java.util.HashMap;
import java.util.Map;

/**
 * The implementations of every function in {@link Functions} but {@code info}, which the engine
 * evaluates itself because it selects info series from storage. Each family lives in its own
 * class (see the package documentation).
 */
public final class StandardFunctions {
    private static final FunctionTable TABLE = new FunctionTable(build());

    private StandardFunctions() {
    }

    public static FunctionTable table() {
        return TABLE;
    }

    private static Map<String, FunctionImpl> build() {
        Map<String, FunctionImpl> m = new HashMap<>();
        rates(m);
        math(m);
        time(m);
        overTime(m);
        labelsAndOrder(m);
        histograms(m);
        return m;
    }

    private static void rates(Map<String, FunctionImpl> m) {
        m.put("rate", Adapters.overWindows(0, false, () -> Rates::rate, Rates::checkCounterName));
        m.put("increase", Adapters.overWindows(0, false, () -> Rates::increase, Rates::checkCounterName));
        m.put("delta", Adapters.overWindows(0, false, Rates::delta));
        m.put("irate", Adapters.overWindows(0, false, Rates::irate));
        m.put("idelta", Adapters.overWindows(0, false, Rates::idelta));
        m.put("deriv", Adapters.overWindows(0, false, LinearRegression::deriv, Adapters.SeriesCheck.NONE));
        m.put("predict_linear",
                Adapters.overWindows(0, false, LinearRegression::predictLinear, Adapters.SeriesCheck.NONE));
        m.put("double_exponential_smoothing", Adapters.overWindows(0, false, ExponentialSmoothing::apply));
    }

    private static void math(Map<String, FunctionImpl> m) {
        m.put("abs", Adapters.elementwise(Math::abs));
        m.put("ceil", Adapters.elementwise(Math::ceil));
        m.put("floor", Adapters.elementwise(Math::floor));
        m.put("exp", Adapters.elementwise(StrictMath::exp));
        m.put("ln", Adapters.elementwise(StrictMath::log));
        m.put("log2", Adapters.elementwise(GoMath::log2));
        m.put("log10", Adapters.elementwise(GoMath::log10));
        m.put("sqrt", Adapters.elementwise(Math::sqrt));
        m.put("sgn", Adapters.elementwise(GoMath::sgn));
        m.put("sin", Adapters.elementwise(StrictMath::sin));
        m.put("cos", Adapters.elementwise(StrictMath::cos));
        m.put("tan", Adapters.elementwise(StrictMath::tan));
        m.put("asin", Adapters.elementwise(StrictMath::asin));
        m.put("acos", Adapters.elementwise(StrictMath::acos));
        m.put("atan", Adapters.elementwise(StrictMath::atan));
        m.put("sinh", Adapters.elementwise(StrictMath::sinh));
        m.put("cosh", Adapters.elementwise(StrictMath::cosh));
        m.put("tanh", Adapters.elementwise(StrictMath::tanh));
        m.put("asinh", Adapters.elementwise(GoMath::asinh));
        m.put("acosh", Adapters.elementwise(GoMath::acosh));
        m.put("atanh", Adapters.elementwise(GoMath::atanh));
        m.put("deg", Adapters.elementwise(v -> v * 180 / Math.PI));
        m.put("rad", Adapters.elementwise(v -> v * Math.PI / 180));
        m.put("pi", ScalarFunctions::pi);
        m.put("clamp", Clamping::clamp);
        m.put("clamp_min", Clamping::clampMin);
        m.put("clamp_max", Clamping::clampMax);
        m.put("round", Clamping::round);
    }

    private static void time(Map<String, FunctionImpl> m) {
        m.put("time", ScalarFunctions::time);
        m.put("timestamp", ScalarFunctions::timestamp);
        m.put("vector", ScalarFunctions::vector);
        m.put("scalar", ScalarFunctions::scalar);
        m.put("start", ScalarFunctions::start);
        m.put("end", ScalarFunctions::end);
        m.put("range", ScalarFunctions::range);
        m.put("step", ScalarFunctions::step);
        m.put("min_of", ScalarFunctions::minOf);
        m.put("max_of", ScalarFunctions::maxOf);
        m.put("year", DateFunctions.of(CivilTime.Field.YEAR));
        m.put("month", DateFunctions.of(CivilTime.Field.MONTH));
        m.put("day_of_month", DateFunctions.of(CivilTime.Field.DAY_OF_MONTH));
        m.put("day_of_year", DateFunctions.of(CivilTime.Field.DAY_OF_YEAR));
        m.put("day_of_week", DateFunctions.of(CivilTime.Field.DAY_OF_WEEK));
        m.put("days_in_month", DateFunctions.of(CivilTime.Field.DAYS_IN_MONTH));
        m.put("hour", DateFunctions.of(CivilTime.Field.HOUR));
        m.put("minute", DateFunctions.of(CivilTime.Field.MINUTE));
    }

    private static void overTime(Map<String, FunctionImpl> m) {
        m.put("avg_over_time", Adapters.overWindows(0, false, OverTime::avg));
        m.put("sum_over_time", Adapters.overWindows(0, false, OverTime::sum));
        m.put("count_over_time", Adapters.overWindows(0, false, OverTime::count));
        m.put("min_over_time",
                Adapters.overWindows(0, false, () -> new SlidingExtremum(false), Adapters.SeriesCheck.NONE));
        m.put("max_over_time",
                Adapters.overWindows(0, false, () -> new SlidingExtremum(true), Adapters.SeriesCheck.NONE));
        m.put("last_over_time", Adapters.overWindows(0, true, OverTime::last));
        m.put("first_over_time", Adapters.overWindows(0, true, OverTime::first));
        m.put("present_over_time", Adapters.overWindows(0, false, OverTime::present));
        m.put("stddev_over_time", Adapters.overWindows(0, false, OverTime::stddev));
        m.put("stdvar_over_time", Adapters.overWindows(0, false, OverTime::stdvar));
        m.put("ts_of_min_over_time", Adapters.overWindows(0, false, OverTime::tsOfMin));
        m.put("ts_of_max_over_time", Adapters.overWindows(0, false, OverTime::tsOfMax));
        m.put("ts_of_last_over_time", Adapters.overWindows(0, false, OverTime::tsOfLast));
        m.put("ts_of_first_over_time", Adapters.overWindows(0, false, OverTime::tsOfFirst));
        m.put("quantile_over_time",
                Adapters.overWindows(1, false, QuantileOverTime::quantile, Adapters.SeriesCheck.NONE));
        m.put("mad_over_time", Adapters.overWindows(0, false, QuantileOverTime::mad, Adapters.SeriesCheck.NONE));
        m.put("changes", Adapters.overWindows(0, false, Changes::changes));
        m.put("resets", Adapters.overWindows(0, false, Changes::resets));
        m.put("absent", Absence::absent);
        m.put("absent_over_time", Absence::absentOverTime);
    }

    private static void labelsAndOrder(Map<String, FunctionImpl> m) {
        m.put("label_replace", LabelFunctions::labelReplace);
        m.put("label_join", LabelFunctions::labelJoin);
        m.put("sort", Sorting::sort);
        m.put("sort_desc", Sorting::sortDesc);
        m.put("sort_by_label", Sorting::sortByLabel);
        m.put("sort_by_label_desc", Sorting::sortByLabelDesc);
    }

    private static void histograms(Map<String, FunctionImpl> m) {
        m.put("histogram_quantile", HistogramQuantiles::quantile);
        m.put("histogram_quantiles", HistogramQuantiles::quantiles);
        m.put("histogram_fraction", HistogramQuantiles::fraction);
        for (String f : new String[] {"histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev",
                "histogram_stdvar", "start_timestamp"}) {
            m.put(f, NativeHistogramFunctions::ofFloatsOnly);
        }
    }
}
