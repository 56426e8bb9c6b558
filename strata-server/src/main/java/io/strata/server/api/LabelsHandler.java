package io.strata.server.api;

import io.strata.model.GoQuote;
import io.strata.model.Utf8Order;

import io.strata.model.ErrorCode;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.server.http.Request;
import io.strata.server.http.Response;
import io.strata.storage.Querier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code /api/v1/labels} (GET, POST) and {@code /api/v1/label/<name>/values} (GET): sorted label
 * names or values of series matching any {@code match[]} selector (all series without one), within
 * {@code start}..{@code end}, truncated to {@code limit} with a warning.
 */
final class LabelsHandler {
    private final StorageAccess storage;

    LabelsHandler(StorageAccess storage) {
        this.storage = storage;
    }

    Response names(Request request) {
        Query query = query(request);
        List<String> names = query.collect((q, limit, matchers) -> q.labelNames(limit, matchers));
        return query.respond(names);
    }

    Response values(Request request) {
        String name = LabelNameEscaping.unescape(request.pathParam("name"));
        if (name.isEmpty() || !isValidUtf8(name)) {
            throw new StrataException(ErrorCode.BAD_DATA, "invalid label name: " + GoQuote.quote(name));
        }
        Query query = query(request);
        List<String> values = query.collect((q, limit, matchers) -> q.labelValues(name, limit, matchers));
        return query.respond(values);
    }

    private Query query(Request request) {
        int limit = ApiParams.limit(request);
        long start = ApiParams.time(request, "start", ApiParams.MIN_TIME);
        long end = ApiParams.time(request, "end", ApiParams.MAX_TIME);
        List<List<Matcher>> sets = ApiParams.matcherSets(request.params("match[]"), false);
        return new Query(limit, start, end, sets);
    }

    @FunctionalInterface
    private interface Lookup {
        List<String> run(Querier q, int limit, List<Matcher> matchers);
    }

    private final class Query {
        final int limit;
        final long start;
        final long end;
        final List<List<Matcher>> sets;

        Query(int limit, long start, long end, List<List<Matcher>> sets) {
            this.limit = limit;
            this.start = start;
            this.end = end;
            this.sets = sets;
        }

        List<String> collect(Lookup lookup) {
            int hintLimit = limit > 0 && limit < Integer.MAX_VALUE ? limit + 1 : 0;
            try (Querier q = storage.get().querier(start, end)) {
                if (sets.size() <= 1) {
                    List<Matcher> matchers = sets.isEmpty() ? List.of() : sets.get(0);
                    List<String> result = new ArrayList<>(lookup.run(q, hintLimit, matchers));
                    result.sort(Utf8Order.INSTANCE);
                    return result;
                }
                TreeSet<String> union = new TreeSet<>(Utf8Order.INSTANCE);
                for (List<Matcher> matchers : sets) {
                    union.addAll(lookup.run(q, hintLimit, matchers));
                }
                return new ArrayList<>(union);
            }
        }

        Response respond(List<String> all) {
            List<String> result = all;
            List<String> warnings = List.of();
            if (limit > 0 && all.size() > limit) {
                result = all.subList(0, limit);
                warnings = List.of(SeriesHandler.TRUNCATED);
            }
            List<String> out = result;
            return Response.json(200, ApiJson.success(g -> ApiJson.writeStrings(g, out), warnings));
        }
    }

    private static boolean isValidUtf8(String s) {
        // A Java String holds UTF-16; lone surrogates are what cannot become valid UTF-8.
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
    }
}
