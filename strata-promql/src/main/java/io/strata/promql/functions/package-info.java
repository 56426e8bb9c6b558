/**
 * The PromQL function library: one class per family, wired by name in {@link
 * io.strata.promql.functions.StandardFunctions} and called by the engine with evaluated arguments
 * ({@link io.strata.promql.engine.FunctionCall}). The reference is Prometheus 3.14's
 * {@code promql/functions.go} and {@code quantile.go}, float path, including its annotations.
 *
 * <pre>
 *  range vector ──RangeArg──▶ Adapters.overWindows ──RangeWindow per step──▶ WindowFunction
 *                                 (Rates, OverTime, QuantileOverTime, Changes, LinearRegression,
 *                                  ExponentialSmoothing, ExtendedRates for anchored/smoothed)
 *  instant vector ──StepVector──▶ Adapters.elementwise (math), Clamping, DateFunctions,
 *                                 ScalarFunctions, Sorting, LabelFunctions, Absence,
 *                                 HistogramQuantiles (BucketGroups ▶ BucketMath)
 * </pre>
 *
 * <p>Conventions every function follows:
 * <ul>
 *   <li><b>Names.</b> A function that computes a new value drops {@code __name__} (with
 *       {@code __type__} and {@code __unit__}) through {@code FunctionCall.dropName}, which only
 *       marks the series under delayed name removal. {@code last_over_time},
 *       {@code first_over_time}, {@code sort*}, {@code label_*} and {@code absent*} keep it;
 *       writing {@code __name__} with {@code label_replace}/{@code label_join} clears the mark.</li>
 *   <li><b>Steps.</b> Everything works on the whole step grid at once; scalar parameters are read
 *       per step ({@code quantile_over_time(scalar(x), ...)} may change its quantile over time).</li>
 *   <li><b>Allocation.</b> Nothing is allocated per sample: window functions read the
 *       {@code RangeWindow} arrays in place, functions that sort get one scratch buffer per
 *       call, and output columns are allocated once per series.</li>
 *   <li><b>Annotations and errors.</b> Warnings and infos carry Prometheus's text and point
 *       where Prometheus points (the argument, or 1:1 for a subquery argument of a range
 *       function). Invalid arguments (regex, label names, smoothing factors) fail the query with
 *       {@code ErrorCode.EXECUTION} and Prometheus's message.</li>
 *   <li><b>Numerics.</b> Kahan-Neumaier sums, the overflow switch to an incremental mean, Welford
 *       variance, Go's interpretation of {@code le} values ({@code strconv.ParseFloat}), Go's
 *       regexp template expansion and {@code %g} formatting are reproduced where their results are
 *       visible.</li>
 * </ul>
 *
 * <p>Native histograms and sample start timestamps are not stored yet, so the functions that read
 * only them ({@code histogram_count/sum/avg/stddev/stdvar}, {@code start_timestamp}) return
 * nothing, as Prometheus does for float input; {@code HistogramStatistics} already holds their
 * per-histogram math. {@code info} is evaluated by the engine itself.
 */
package io.strata.promql.functions;
