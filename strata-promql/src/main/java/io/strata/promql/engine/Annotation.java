package io.strata.promql.engine;

import io.strata.promql.ast.PositionRange;

/**
 * A warning or info attached to a query result. Rendered as Prometheus does:
 * {@code PromQL warning: <message> (<line>:<col>)}.
 */
public record Annotation(Severity severity, String message, PositionRange position) {
    public enum Severity { WARNING, INFO }

    public static Annotation warning(String message, PositionRange position) {
        return new Annotation(Severity.WARNING, message, position);
    }

    public static Annotation info(String message, PositionRange position) {
        return new Annotation(Severity.INFO, message, position);
    }

    /** The text the API returns, with the position resolved against the query string. */
    public String render(String query) {
        String prefix = severity == Severity.WARNING ? "PromQL warning: " : "PromQL info: ";
        return prefix + message + " (" + position.lineColumn(query) + ")";
    }
}
