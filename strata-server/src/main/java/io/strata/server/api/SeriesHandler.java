package io.strata.server.api;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.server.http.Handler;
import io.strata.server.http.Request;
import io.strata.server.http.Response;
import io.strata.storage.Querier;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JsonGenerator;

/**
 * {@code GET|POST /api/v1/series?match[]=...&start=&end=&limit=}: the label sets of series
 * matching any selector, sorted and de-duplicated; with {@code limit}, at most that many and a
 * warning when there were more.
 */
final class SeriesHandler implements Handler {
    static final String TRUNCATED = "results truncated due to limit";

    private final StorageAccess storage;

    SeriesHandler(StorageAccess storage) {
        this.storage = storage;
    }

    @Override
    public Response handle(Request request) {
        if (request.params("match[]").isEmpty()) {
            throw new StrataException(ErrorCode.BAD_DATA, "no match[] parameter provided");
        }
        int limit = ApiParams.limit(request);
        long start = ApiParams.time(request, "start", ApiParams.MIN_TIME);
        long end = ApiParams.time(request, "end", ApiParams.MAX_TIME);
        List<List<Matcher>> sets = ApiParams.matcherSets(request.params("match[]"), true);
        // Ask for one more than the limit so a truncation can be told from an exact fit.
        int hintLimit = limit > 0 && limit < Integer.MAX_VALUE ? limit + 1 : 0;
        SelectHints hints = new SelectHints(start, end, 0, "series", hintLimit, true);

        Set<Labels> found = sets.size() > 1 ? new TreeSet<>() : new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        try (Querier q = storage.get().querier(start, end)) {
            for (List<Matcher> matchers : sets) {
                SeriesSet set = q.select(true, hints, matchers);
                while (set.next()) {
                    found.add(set.at().labels());
                }
                warnings.addAll(set.warnings());
            }
        }
        List<Labels> result = new ArrayList<>(found);
        if (limit > 0 && result.size() > limit) {
            result = result.subList(0, limit);
            warnings.add(TRUNCATED);
        }
        List<Labels> series = result;
        return Response.json(200, ApiJson.success(g -> writeSeries(g, series), distinct(warnings)));
    }

    static void writeSeries(JsonGenerator g, List<Labels> series) {
        g.writeStartArray();
        for (Labels labels : series) {
            writeLabels(g, labels);
        }
        g.writeEndArray();
    }

    /** A label set as a JSON object, keys in Prometheus's (byte) order. */
    static void writeLabels(JsonGenerator g, Labels labels) {
        g.writeStartObject();
        labels.forEach(g::writeStringProperty);
        g.writeEndObject();
    }

    static List<String> distinct(List<String> warnings) {
        return List.copyOf(new LinkedHashSet<>(warnings));
    }
}
