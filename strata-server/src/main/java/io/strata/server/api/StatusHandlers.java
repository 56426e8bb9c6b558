package io.strata.server.api;

import io.strata.server.http.Request;
import io.strata.server.http.Response;
import io.strata.storage.Health;
import io.strata.storage.Storage;
import java.util.Map;

/** {@code /-/healthy}, {@code /-/ready} and {@code /api/v1/status/buildinfo}. */
final class StatusHandlers {
    private final StorageAccess storage;
    private final BuildFacts build;

    StatusHandlers(StorageAccess storage, BuildFacts build) {
        this.storage = storage;
        this.build = build;
    }

    Response healthy(Request request) {
        return Response.text(200, "Strata is Healthy.\n");
    }

    /** 200 once the storage is open and accepts writes; 503 with the reason otherwise. */
    Response ready(Request request) {
        Storage s = storage.getIfOpen();
        if (s == null) {
            return Response.text(503, "Strata is not ready: " + storage.notReadyReason() + "\n");
        }
        Health h = s.health();
        if (!h.ready()) {
            return Response.text(503, "Strata is not ready: " + h.reason() + "\n");
        }
        return Response.text(200, "Strata is Ready.\n");
    }

    Response buildInfo(Request request) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("version", build.version());
        fields.put("revision", build.revision());
        fields.put("branch", build.branch());
        fields.put("buildUser", build.buildUser());
        fields.put("buildDate", build.buildDate());
        fields.put("javaVersion", build.javaVersion());
        return Response.json(200, ApiJson.success(g -> {
            g.writeStartObject();
            fields.forEach(g::writeStringProperty);
            g.writeEndObject();
        }));
    }
}
