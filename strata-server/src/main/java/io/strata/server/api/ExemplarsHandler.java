package io.strata.server.api;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.promql.ast.Expr;
import io.strata.promql.parse.ParserOptions;
import io.strata.promql.parse.PromqlParser;
import io.strata.server.http.Handler;
import io.strata.server.http.Request;
import io.strata.server.http.Response;

/**
 * {@code GET|POST /api/v1/query_exemplars?query=&start=&end=}. Strata drops exemplars at ingest,
 * so there are none to return; the request is still checked as Prometheus checks it (times, their
 * order, the query's syntax) so that clients see the same errors, and a query with selectors gets
 * an empty list. As in Prometheus, a query without any selector ({@code 1+1}) gets 204 and no body.
 */
final class ExemplarsHandler implements Handler {
    private final ParserOptions parserOptions;

    ExemplarsHandler(ParserOptions parserOptions) {
        this.parserOptions = parserOptions;
    }

    @Override
    public Response handle(Request request) {
        long start = ApiParams.time(request, "start", ApiParams.MIN_TIME);
        long end = ApiParams.time(request, "end", ApiParams.MAX_TIME);
        if (end < start) {
            throw new StrataException(ErrorCode.BAD_DATA, "end timestamp must not be before start timestamp");
        }
        String query = request.param("query");
        Expr expr = PromqlParser.parse(query == null ? "" : query, parserOptions);
        if (ExprSelectors.of(expr).isEmpty()) {
            return Response.noContent();
        }
        return Response.json(200, ApiJson.success(g -> {
            g.writeStartArray();
            g.writeEndArray();
        }));
    }
}
