package io.strata.server.api;

import io.strata.model.StrataException;
import io.strata.promql.ast.Expr;
import io.strata.promql.parse.ExprPrinter;
import io.strata.promql.parse.ParserOptions;
import io.strata.promql.parse.PromqlParser;
import io.strata.server.http.Request;
import io.strata.server.http.Response;

/**
 * {@code GET|POST /api/v1/parse_query?query=}: the syntax tree as JSON (see {@link AstJson});
 * {@code GET|POST /api/v1/format_query?query=}: the query pretty-printed as Prometheus's
 * {@code Prettify} does, as a JSON string. A query that does not parse is 400
 * {@code invalid parameter "query": 1:5: parse error: ...} for both.
 */
final class ParseQueryHandler {
    private final ParserOptions parserOptions;

    ParseQueryHandler(ParserOptions parserOptions) {
        this.parserOptions = parserOptions;
    }

    Response parse(Request request) {
        Expr expr = parseParameter(request, parserOptions);
        return Response.json(200, ApiJson.success(g -> AstJson.write(g, expr)));
    }

    Response format(Request request) {
        String pretty = ExprPrinter.pretty(parseParameter(request, parserOptions));
        return Response.json(200, ApiJson.success(g -> g.writeString(pretty)));
    }

    /** The {@code query} parameter parsed, errors naming the parameter as Prometheus does. */
    static Expr parseParameter(Request request, ParserOptions parserOptions) {
        String query = request.param("query");
        try {
            return PromqlParser.parse(query == null ? "" : query, parserOptions);
        } catch (StrataException e) {
            throw ApiParams.invalidParameter("query", e.getMessage());
        }
    }
}
