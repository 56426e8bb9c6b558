package io.strata.server.api;

import io.strata.model.GoQuote;
import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.server.http.Handler;
import io.strata.server.http.Request;
import io.strata.server.http.Response;
import io.strata.storage.CardinalityStats;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * {@code GET /api/v1/status/tsdb?limit=10}: head cardinality in Prometheus's shape, {@code headStats}
 * then the four top-N lists.
 */
final class TsdbStatusHandler implements Handler {
    private static final int DEFAULT_LIMIT = 10;

    private final StorageAccess storage;

    TsdbStatusHandler(StorageAccess storage) {
        this.storage = storage;
    }

    @Override
    public Response handle(Request request) {
        int limit = DEFAULT_LIMIT;
        String value = request.param("limit");
        if (value != null && !value.isEmpty()) {
            try {
                limit = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1) {
                throw new StrataException(ErrorCode.BAD_DATA, "limit must be a positive number, got " + GoQuote.quote(value));
            }
        }
        CardinalityStats stats = storage.get().cardinality(limit);
        return Response.json(200, ApiJson.success(g -> write(g, stats)));
    }

    private static void write(JsonGenerator g, CardinalityStats s) {
        g.writeStartObject();
        g.writeObjectPropertyStart("headStats");
        g.writeNumberProperty("numSeries", s.numSeries());
        g.writeNumberProperty("numLabelPairs", s.numLabelPairs());
        g.writeNumberProperty("chunkCount", s.chunkCount());
        g.writeNumberProperty("minTime", s.minTime());
        g.writeNumberProperty("maxTime", s.maxTime());
        g.writeEndObject();
        writeCounts(g, "seriesCountByMetricName", s.seriesCountByMetricName());
        writeCounts(g, "labelValueCountByLabelName", s.labelValueCountByLabelName());
        writeCounts(g, "memoryInBytesByLabelName", s.memoryInBytesByLabelName());
        writeCounts(g, "seriesCountByLabelValuePair", s.seriesCountByLabelValuePair());
        g.writeEndObject();
    }

    private static void writeCounts(JsonGenerator g, String name, List<CardinalityStats.Count> counts) {
        g.writeArrayPropertyStart(name);
        for (CardinalityStats.Count c : counts) {
            g.writeStartObject();
            g.writeStringProperty("name", c.name());
            g.writeNumberProperty("value", c.value());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
