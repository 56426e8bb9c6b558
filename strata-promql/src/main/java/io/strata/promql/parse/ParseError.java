package io.strata.promql.parse;

import io.strata.promql.ast.PositionRange;

/** One problem found by the parser, with the bytes of the query it concerns. */
public record ParseError(PositionRange position, String message) {
}
