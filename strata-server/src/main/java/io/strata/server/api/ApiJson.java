package io.strata.server.api;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * Writes Prometheus API envelopes with a streaming generator:
 * {@code {"status":"success","data":...,"warnings":[...],"infos":[...]}} and
 * {@code {"status":"error","errorType":"...","error":"..."}}, in Prometheus's field order and
 * Go's string escaping, without a trailing newline (Prometheus writes none).
 */
public final class ApiJson {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .characterEscapes(new GoJsonEscapes())
            .build();

    private ApiJson() {}

    /** Writes the {@code data} value of a success envelope. */
    @FunctionalInterface
    public interface DataWriter {
        void write(JsonGenerator g);
    }

    public static byte[] success(DataWriter data) {
        return success(data, List.of());
    }

    public static byte[] success(DataWriter data, List<String> warnings) {
        return success(data, warnings, List.of());
    }

    public static byte[] success(DataWriter data, List<String> warnings, List<String> infos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        writeSuccess(out, data, warnings, infos);
        return out.toByteArray();
    }

    /**
     * Writes a success envelope to {@code out}, for answers too large to build in memory first.
     * {@code warnings} and {@code infos} are left out when empty, as Prometheus does.
     */
    public static void writeSuccess(OutputStream out, DataWriter data, List<String> warnings, List<String> infos) {
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("status", "success");
            g.writeName("data");
            data.write(g);
            writeStringArray(g, "warnings", warnings);
            writeStringArray(g, "infos", infos);
            g.writeEndObject();
        }
    }

    public static byte[] error(String errorType, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("status", "error");
            g.writeStringProperty("errorType", errorType);
            g.writeStringProperty("error", message);
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeStringArray(JsonGenerator g, String name, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        g.writeArrayPropertyStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** A JSON array of strings. */
    static void writeStrings(JsonGenerator g, List<String> values) {
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
