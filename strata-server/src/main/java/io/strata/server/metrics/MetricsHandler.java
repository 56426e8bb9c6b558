package io.strata.server.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.strata.server.http.Handler;
import io.strata.server.http.Request;
import io.strata.server.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code GET /metrics}: the registry in the text format the scraper's Accept header asks for. */
public final class MetricsHandler implements Handler {
    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    public MetricsHandler(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Response handle(Request request) {
        ExpositionFormatWriter writer = formats.findWriter(request.header("Accept"));
        if (!writer.isAvailable()) {
            writer = formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("BUG: writing to memory failed", e);
        }
        return Response.of(200, writer.getContentType(), out.toByteArray());
    }
}
