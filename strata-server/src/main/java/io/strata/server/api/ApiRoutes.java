package io.strata.server.api;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

import io.strata.promql.engine.Engine;
import io.strata.promql.parse.ParserOptions;
import io.strata.server.http.Handler;
import io.strata.server.http.Route;
import io.strata.server.http.Router;
import io.strata.server.namespaces.Namespaced;
import io.strata.storage.Queryable;
import java.time.InstantSource;

/**
 * The read, status and admin endpoints of Prometheus's HTTP API, with the methods Prometheus
 * accepts for each. Remote write and read, and {@code /metrics}, are added by their own modules.
 */
public final class ApiRoutes {
    private ApiRoutes() {}

    /**
     * @param adminApi whether the admin endpoints may change data
     * @param engine runs the queries; its options also give the syntax {@code parse_query} accepts
     * @param clock the default time of instant queries
     */
    public static void register(Router router, StorageAccess storage, boolean adminApi, BuildFacts build,
            Engine engine, ServerFacts facts, InstantSource clock) {
        LabelsHandler labels = new LabelsHandler(storage);
        AdminHandler admin = new AdminHandler(storage, adminApi);
        StatusHandlers status = new StatusHandlers(storage, build);
        RuntimeStatusHandlers runtime = new RuntimeStatusHandlers(facts, clock);
        // Looked up per query: the storage opens after the HTTP port (WAL replay).
        Queryable queryable = (min, max) -> storage.get().querier(min, max);
        QueryHandler query = new QueryHandler(engine, queryable, clock,
                () -> storage.getIfOpen() instanceof Namespaced n ? n.planner() : null);
        ParserOptions syntax = engine.options().parser();
        ParseQueryHandler parse = new ParseQueryHandler(syntax);

        router.add(api("/api/v1/query", query::instant, GET, POST))
                .add(api("/api/v1/query_range", query::range, GET, POST))
                .add(api("/api/v1/query_exemplars", new ExemplarsHandler(syntax), GET, POST))
                .add(api("/api/v1/parse_query", parse::parse, GET, POST))
                .add(api("/api/v1/format_query", parse::format, GET, POST))
                .add(api("/api/v1/status/runtimeinfo", runtime::runtimeInfo, GET))
                .add(api("/api/v1/status/flags", runtime::flags, GET))
                .add(api("/api/v1/status/config", runtime::config, GET));
        router.add(api("/api/v1/series", new SeriesHandler(storage), GET, POST))
                .add(api("/api/v1/labels", labels::names, GET, POST))
                .add(api("/api/v1/label/:name/values", labels::values, GET))
                .add(api("/api/v1/metadata", new MetadataHandler(storage), GET))
                .add(api("/api/v1/status/tsdb", new TsdbStatusHandler(storage), GET))
                .add(api("/api/v1/status/buildinfo", status::buildInfo, GET))
                .add(api("/api/v1/admin/tsdb/delete_series", admin::deleteSeries, POST, PUT))
                .add(api("/api/v1/admin/tsdb/flush", admin::flush, POST, PUT))
                .add(api("/api/v1/admin/tsdb/compact", admin::compact, POST, PUT))
                .add(Route.of("/-/healthy", status::healthy, GET, HEAD))
                .add(Route.of("/-/ready", status::ready, GET, HEAD));
    }

    private static Route api(String pattern, Handler handler, io.netty.handler.codec.http.HttpMethod... methods) {
        return Route.of(pattern, Cors.wrap(handler), methods);
    }
}
