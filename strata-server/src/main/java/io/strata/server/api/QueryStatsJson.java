package io.strata.server.api;

import io.strata.promql.engine.QueryStats;
import tools.jackson.core.JsonGenerator;

/**
 * The {@code stats} object of a query answer, in Prometheus's shape:
 *
 * <pre>
 * {"timings":{"evalTotalTime":0.000123,"resultSortTime":0,"queryPreparationTime":0.00001,
 *             "innerEvalTime":0.000113,"execQueueTime":0,"execTotalTime":0.000123},
 *  "samples":{"totalQueryableSamples":12,"peakSamples":4}}
 * </pre>
 *
 * Times are seconds as Go's {@code encoding/json} writes floats. Strata has no query queue and
 * sorts while it evaluates, so {@code execQueueTime} and {@code resultSortTime} are 0 and the
 * totals are preparation plus evaluation. Prometheus's per-step counts (with {@code stats=all})
 * and its newer {@code samplesRead} are left out: the engine does not count them, and Prometheus
 * itself omits the per-step arrays when it has none.
 */
final class QueryStatsJson {
    private QueryStatsJson() {}

    static void write(JsonGenerator g, QueryStats stats) {
        write(g, stats, java.util.List.of());
    }

    /** Prometheus's stats, plus {@code namespaces} (Strata's) when namespaces served the query. */
    static void write(JsonGenerator g, QueryStats stats, java.util.List<String> namespaces) {
        long totalNanos = stats.prepareNanos() + stats.evalNanos();
        g.writeStartObject();
        g.writeObjectPropertyStart("timings");
        seconds(g, "evalTotalTime", totalNanos);
        seconds(g, "resultSortTime", 0);
        seconds(g, "queryPreparationTime", stats.prepareNanos());
        seconds(g, "innerEvalTime", stats.evalNanos());
        seconds(g, "execQueueTime", 0);
        seconds(g, "execTotalTime", totalNanos);
        g.writeEndObject();
        g.writeObjectPropertyStart("samples");
        g.writeNumberProperty("totalQueryableSamples", stats.totalQueryableSamples());
        g.writeNumberProperty("peakSamples", stats.peakSamples());
        g.writeEndObject();
        if (!namespaces.isEmpty()) {
            g.writeArrayPropertyStart("namespaces");
            for (String ns : namespaces) {
                g.writeString(ns);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void seconds(JsonGenerator g, String name, long nanos) {
        g.writeName(name);
        g.writeNumber(GoFloats.jsonNumber(nanos / 1e9));
    }
}
