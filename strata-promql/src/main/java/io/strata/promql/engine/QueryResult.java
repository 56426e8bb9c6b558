package io.strata.promql.engine;

import io.strata.promql.value.Value;

import java.util.List;

/**
 * A successful evaluation: the value plus the rendered warnings and infos (a set, in first-seen
 * order). Errors are thrown as {@link io.strata.model.StrataException} instead, with codes
 * BAD_DATA (parse or type errors, bad parameters), EXECUTION (limits, runtime errors such as
 * duplicate label sets), TIMEOUT, CANCELED or INTERNAL (storage failures).
 */
public record QueryResult(Value value, List<String> warnings, List<String> infos, QueryStats stats) {
    public QueryResult {
        warnings = List.copyOf(warnings);
        infos = List.copyOf(infos);
    }
}
