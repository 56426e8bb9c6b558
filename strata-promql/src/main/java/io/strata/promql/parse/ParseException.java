package io.strata.promql.parse;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;

import java.util.List;

/**
 * The query does not parse or does not type-check. The message is Prometheus's:
 * {@code <line>:<col>: parse error: <first error>}; {@link #errors()} has all of them in report order.
 */
public final class ParseException extends StrataException {
    private final List<ParseError> errors;

    public ParseException(String input, List<ParseError> errors) {
        super(ErrorCode.BAD_DATA, render(input, errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("BUG: a parse exception needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<ParseError> errors() {
        return errors;
    }

    private static String render(String input, List<ParseError> errors) {
        ParseError first = errors.getFirst();
        return first.position().lineColumn(input) + ": parse error: " + first.message();
    }
}
