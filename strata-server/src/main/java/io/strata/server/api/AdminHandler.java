package io.strata.server.api;

import io.strata.model.ErrorCode;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.server.http.Request;
import io.strata.server.http.Response;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST|PUT /api/v1/admin/tsdb/delete_series} and {@code /api/v1/admin/tsdb/flush}: change
 * stored data, answer 204 without a body. Refused with 503 when {@code http.adminApi} is false, as
 * Prometheus refuses them without {@code --web.enable-admin-api}.
 */
final class AdminHandler {
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);

    private final StorageAccess storage;
    private final boolean enabled;

    AdminHandler(StorageAccess storage, boolean enabled) {
        this.storage = storage;
        this.enabled = enabled;
    }

    Response deleteSeries(Request request) {
        checkEnabled();
        List<String> selectors = request.params("match[]");
        if (selectors.isEmpty()) {
            throw new StrataException(ErrorCode.BAD_DATA, "no match[] parameter provided");
        }
        long start = ApiParams.time(request, "start", ApiParams.MIN_TIME);
        long end = ApiParams.time(request, "end", ApiParams.MAX_TIME);
        // Unlike Prometheus, a selector matching every series ({job=""}) is refused here too: a
        // delete that broad is far more often a mistake than the intent.
        List<List<Matcher>> sets = ApiParams.matcherSets(selectors, true);
        for (List<Matcher> matchers : sets) {
            log.info("deleting series {} in [{}, {}]", matchers, start, end);
            storage.get().deleteSeries(matchers, start, end);
        }
        return Response.noContent();
    }

    Response flush(Request request) {
        checkEnabled();
        log.info("flushing the head to blocks on request");
        storage.get().flushHead();
        return Response.noContent();
    }

    Response compact(Request request) {
        checkEnabled();
        log.info("compacting blocks on request");
        int merges = storage.get().compactNow();
        log.info("compaction on request merged {} times", merges);
        return Response.noContent();
    }

    private void checkEnabled() {
        if (!enabled) {
            throw new StrataException(ErrorCode.UNAVAILABLE, "admin APIs disabled; set http.adminApi: true to enable them");
        }
    }
}
