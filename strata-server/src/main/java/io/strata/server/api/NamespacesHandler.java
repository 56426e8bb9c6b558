package io.strata.server.api;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.promql.parse.PromDurations;
import io.strata.server.http.Request;
import io.strata.server.http.Response;
import io.strata.server.namespaces.NamespaceStatus;
import io.strata.server.namespaces.Namespaced;
import io.strata.server.namespaces.ConfigReloader;
import java.util.List;

/** {@code GET /api/v1/namespaces} and {@code POST /-/reload}. */
public final class NamespacesHandler {
    private final StorageAccess storage;
    private final ConfigReloader reloader;

    public NamespacesHandler(StorageAccess storage, ConfigReloader reloader) {
        this.storage = storage;
        this.reloader = reloader;
    }

    /** Every namespace in force: name, policy, block duration, windows, where it lives, its series. */
    public Response list(Request request) {
        if (!(storage.get() instanceof Namespaced namespaced)) {
            throw new StrataException(ErrorCode.BAD_DATA, "this storage has no namespaces");
        }
        List<NamespaceStatus> all = namespaced.namespaces();
        return Response.json(200, ApiJson.success(g -> {
            g.writeStartArray();
            for (NamespaceStatus s : all) {
                NamespaceSpec spec = s.spec();
                g.writeStartObject();
                g.writeStringProperty("name", spec.name());
                g.writeStringProperty("policy", spec.policy().toString());
                g.writeStringProperty("type", spec.isRaw() ? "raw" : "aggregated");
                g.writeStringProperty("resolution", spec.isRaw() ? "raw" : PromDurations.format(spec.resolutionMillis()));
                g.writeStringProperty("retention", PromDurations.format(spec.retentionMillis()));
                g.writeStringProperty("blockDuration", PromDurations.format(spec.blockDurationMillis()));
                g.writeStringProperty("outOfOrderWindow", PromDurations.format(spec.outOfOrderWindowMillis()));
                if (!spec.isRaw()) {
                    g.writeStringProperty("lateness", PromDurations.format(spec.latenessMillis()));
                }
                g.writeStringProperty("directory", s.directory());
                g.writeNumberProperty("headSeries", s.headSeries());
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
    }

    /** Reloads {@code namespaces} and {@code rules} from the configuration file (Prometheus's {@code /-/reload}). */
    public Response reload(Request request) {
        String summary = reloader.reload();
        return Response.text(200, "configuration reloaded: " + summary + "\n");
    }
}
