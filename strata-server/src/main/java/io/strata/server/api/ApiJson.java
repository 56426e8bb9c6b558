package io.strata.server.api;

import java.io.ByteArrayOutputStream;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * Writes Prometheus API envelopes with a streaming generator:
 * {@code {"status":"success","data":...,"warnings":[...]}} and
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("status", "success");
            g.writeName("data");
            data.write(g);
            writeWarnings(g, warnings);
            g.writeEndObject();
        }
        return out.toByteArray();
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

    private static void writeWarnings(JsonGenerator g, List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        g.writeArrayPropertyStart("warnings");
        for (String w : warnings) {
            g.writeString(w);
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
