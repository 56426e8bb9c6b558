package io.strata.promql.ast;

/** The static type of an expression, with the names Prometheus uses in its error messages. */
public enum ValueType {
    NONE("none"),
    SCALAR("scalar"),
    VECTOR("instant vector"),
    MATRIX("range vector"),
    STRING("string");

    private final String documentedName;

    ValueType(String documentedName) {
        this.documentedName = documentedName;
    }

    /** "instant vector", "range vector", ... as in "expected type range vector in call to ...". */
    public String documentedName() {
        return documentedName;
    }

    /** The name the HTTP API uses in {@code resultType}: "scalar", "vector", "matrix", "string". */
    public String apiName() {
        return switch (this) {
            case VECTOR -> "vector";
            case MATRIX -> "matrix";
            default -> documentedName;
        };
    }
}
