package io.strata.bench.query;

import java.util.Optional;

/**
 * What one Prometheus API response said, reduced to what the benchmark checks and reports. The
 * values themselves are not kept: only their count and the first one (which a wait condition
 * compares).
 *
 * @param httpStatus the HTTP status code
 * @param status the JSON {@code status} ({@code success} or {@code error}); {@code null} when the body is not such JSON
 * @param errorType the JSON {@code errorType} of an error, else {@code null}
 * @param error the JSON {@code error} of an error, or why the body could not be read; else {@code null}
 * @param resultType {@code data.resultType}, {@code null} when absent
 * @param series number of series in {@code data.result} (1 for a scalar or string)
 * @param points samples over all series ({@code value} counts 1, {@code values} its length; histograms alike)
 * @param firstValue the value string of the first sample, {@code null} when there is none
 * @param warnings number of entries in {@code warnings}
 * @param bytes size of the body
 */
public record QueryAnswer(
        int httpStatus,
        String status,
        String errorType,
        String error,
        String resultType,
        int series,
        long points,
        String firstValue,
        int warnings,
        int bytes) {

    /**
     * Why this answer is not a correct non-empty answer to a query of {@code kind}, or empty when it is.
     * A correct answer is HTTP 200, {@code status=success}, the kind's result type and at least one series:
     * every query of the benchmark selects data, so an empty result means the target missed it.
     */
    public Optional<String> problem(QueryKind kind) {
        if (httpStatus != 200 || !"success".equals(status)) {
            StringBuilder sb = new StringBuilder("HTTP ").append(httpStatus);
            if (status != null) {
                sb.append(", status=").append(status);
            }
            if (errorType != null) {
                sb.append(", errorType=").append(errorType);
            }
            if (error != null) {
                sb.append(": ").append(error);
            }
            return Optional.of(sb.toString());
        }
        if (!kind.resultType().equals(resultType)) {
            return Optional.of("resultType " + resultType + " where a " + kind.label() + " query gives " + kind.resultType());
        }
        if (series == 0) {
            return Optional.of("empty result: no series, the target holds none of the data the query selects");
        }
        return Optional.empty();
    }
}
