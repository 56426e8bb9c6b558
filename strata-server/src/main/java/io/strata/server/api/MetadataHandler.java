package io.strata.server.api;

import io.strata.model.Utf8Order;

import io.strata.model.ErrorCode;
import io.strata.model.MetricMetadata;
import io.strata.model.StrataException;
import io.strata.server.http.Handler;
import io.strata.server.http.Request;
import io.strata.server.http.Response;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;

/**
 * {@code GET /api/v1/metadata?metric=&limit=&limit_per_metric=}: type, help and unit per metric
 * family, keys sorted. As in Prometheus, {@code limit} is the number of families (0 gives none,
 * negative or absent gives all) and {@code limit_per_metric} caps entries per family when positive.
 */
final class MetadataHandler implements Handler {
    private final StorageAccess storage;

    MetadataHandler(StorageAccess storage) {
        this.storage = storage;
    }

    @Override
    public Response handle(Request request) {
        int limit = number(request, "limit");
        int limitPerMetric = number(request, "limit_per_metric");
        String metric = request.param("metric");
        Map<String, List<MetricMetadata>> all =
                storage.get().metadata(metric == null || metric.isEmpty() ? null : metric, 0);
        TreeMap<String, List<MetricMetadata>> sorted = new TreeMap<>(Utf8Order.INSTANCE);
        sorted.putAll(all);
        TreeMap<String, List<MetricMetadata>> result = new TreeMap<>(Utf8Order.INSTANCE);
        for (Map.Entry<String, List<MetricMetadata>> e : sorted.entrySet()) {
            if (limit >= 0 && result.size() >= limit) {
                break;
            }
            List<MetricMetadata> entries = e.getValue();
            if (limitPerMetric > 0 && entries.size() > limitPerMetric) {
                entries = entries.subList(0, limitPerMetric);
            }
            result.put(e.getKey(), entries);
        }
        return Response.json(200, ApiJson.success(g -> write(g, result)));
    }

    private static void write(JsonGenerator g, Map<String, List<MetricMetadata>> metadata) {
        g.writeStartObject();
        for (Map.Entry<String, List<MetricMetadata>> e : metadata.entrySet()) {
            g.writeArrayPropertyStart(e.getKey());
            for (MetricMetadata m : e.getValue()) {
                g.writeStartObject();
                g.writeStringProperty("type", m.type().apiName());
                g.writeStringProperty("help", m.help());
                g.writeStringProperty("unit", m.unit());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** A whole-number parameter, -1 (no limit) when absent. */
    private static int number(Request request, String name) {
        String value = request.param(name);
        if (value == null || value.isEmpty()) {
            return -1;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            // Prometheus's words exactly; clients match on them.
            throw new StrataException(ErrorCode.BAD_DATA, name + " must be a number");
        }
    }
}
