package io.strata.bench.query;

/** The two Prometheus query endpoints the benchmark measures, with the result type each must answer. */
public enum QueryKind {
    /** {@code /api/v1/query} at one evaluation time; answers a vector for the benchmark's queries. */
    INSTANT("instant", "/api/v1/query", "vector"),
    /** {@code /api/v1/query_range} over a window at a fixed step; answers a matrix. */
    RANGE("range", "/api/v1/query_range", "matrix");

    private final String label;
    private final String path;
    private final String resultType;

    QueryKind(String label, String path, String resultType) {
        this.label = label;
        this.path = path;
        this.resultType = resultType;
    }

    /** Lower-case name used in tables and JSON lines. */
    public String label() {
        return label;
    }

    /** Path of the endpoint below a target's base URL. */
    public String path() {
        return path;
    }

    /** The {@code data.resultType} a correct answer has: every query of the suite returns an instant vector per step. */
    public String resultType() {
        return resultType;
    }
}
