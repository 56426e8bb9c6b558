package io.strata.bench.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The result of one run, printed for people and written as JSON ({@code --json FILE}) for
 * scripts that compare runs. JSON keys are part of the contract with those scripts: add keys
 * freely, rename none.
 *
 * @param mode {@code backfill} or {@code live}
 * @param samples samples accepted (2xx; for remote write 2.0, as confirmed by the receiver)
 * @param unconfirmedSamples remote write 2.0: samples answered 2xx but not confirmed as written
 * @param targetSamplesPerSecond live mode: series / interval; 0 for a backfill
 * @param lateTicks live mode: intervals that started more than one interval late
 */
public record WriteSummary(
        String mode,
        String url,
        int protocol,
        int hosts,
        int series,
        long intervalMillis,
        int connections,
        int batchSamples,
        long firstTimestamp,
        long lastTimestamp,
        long plannedSamples,
        long samples,
        long requests,
        long failedRequests,
        long failedSamples,
        long unconfirmedSamples,
        long retries,
        long compressedBytes,
        double durationSeconds,
        double samplesPerSecond,
        double requestsPerSecond,
        Latency latency,
        Map<String, Long> errorsByStatus,
        boolean pregenerated,
        double pregenerateSeconds,
        long rawBytes,
        double targetSamplesPerSecond,
        long lateTicks,
        boolean stoppedByMaxRequests) {

    /** Latency of HTTP attempts that got an answer, in milliseconds. */
    public record Latency(long count, double p50, double p90, double p99, double max, double mean) {
        static Latency of(LatencyHistogram h) {
            return new Latency(h.count(),
                    h.percentileMicros(0.50) / 1000.0,
                    h.percentileMicros(0.90) / 1000.0,
                    h.percentileMicros(0.99) / 1000.0,
                    h.maxMicros() / 1000.0,
                    h.meanMicros() / 1000.0);
        }
    }

    public WriteSummary {
        errorsByStatus = Map.copyOf(errorsByStatus);
    }

    /** True when every planned sample was accepted. */
    public boolean complete() {
        return samples == plannedSamples && failedRequests == 0 && unconfirmedSamples == 0;
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "done: %s to %s (remote write %s)%n", mode, url, protocol == 1 ? "1.0" : "2.0");
        out.printf(Locale.ROOT, "  dataset     %s hosts, %s series, one sample per %s%n",
                Numbers.count(hosts), Numbers.count(series), DurationConverter.format(java.time.Duration.ofMillis(intervalMillis)));
        out.printf(Locale.ROOT, "  samples     %s of %s planned, in %s requests over %d connections (%s failed requests, %s retries)%n",
                Numbers.count(samples), Numbers.count(plannedSamples), Numbers.count(requests), connections,
                Numbers.count(failedRequests), Numbers.count(retries));
        out.printf(Locale.ROOT, "  duration    %s%s%n", Numbers.seconds(durationSeconds),
                pregenerated ? " sending (requests pregenerated in " + Numbers.seconds(pregenerateSeconds) + ")" : " (encoding while sending)");
        out.printf(Locale.ROOT, "  throughput  %s samples/s, %.1f requests/s, %s/s compressed (%s compressed, %s raw)%n",
                Numbers.rate(samplesPerSecond), requestsPerSecond,
                Numbers.bytes((long) (compressedBytes / Math.max(durationSeconds, 1e-9))),
                Numbers.bytes(compressedBytes), Numbers.bytes(rawBytes));
        if (targetSamplesPerSecond > 0) {
            out.printf(Locale.ROOT, "  live rate   %s samples/s achieved of %s/s target (%.1f%%), %s late intervals%n",
                    Numbers.rate(samplesPerSecond), Numbers.rate(targetSamplesPerSecond),
                    100 * samplesPerSecond / targetSamplesPerSecond, Numbers.count(lateTicks));
        }
        out.printf(Locale.ROOT, "  latency     p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, mean %.1f ms (%s attempts)%n",
                latency.p50(), latency.p90(), latency.p99(), latency.max(), latency.mean(), Numbers.count(latency.count()));
        out.printf(Locale.ROOT, "  errors      %s%n", errorsByStatus.isEmpty() ? "none" : errorsByStatus.entrySet().stream()
                .map(e -> e.getKey() + ": " + Numbers.count(e.getValue()))
                .collect(Collectors.joining(", ")));
        if (unconfirmedSamples > 0) {
            out.printf(Locale.ROOT, "  unconfirmed %s samples answered 2xx without the receiver confirming they were written%n",
                    Numbers.count(unconfirmedSamples));
        }
        if (stoppedByMaxRequests) {
            out.println("  stopped     --max-requests reached before the end of the run");
        }
    }

    String toJson() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), bytes)) {
            g.writeStartObject();
            g.writeStringProperty("mode", mode);
            g.writeStringProperty("url", url);
            g.writeNumberProperty("protocol", protocol);
            g.writeNumberProperty("hosts", hosts);
            g.writeNumberProperty("series", series);
            g.writeNumberProperty("intervalMillis", intervalMillis);
            g.writeNumberProperty("connections", connections);
            g.writeNumberProperty("batchSamples", batchSamples);
            g.writeNumberProperty("firstTimestamp", firstTimestamp);
            g.writeNumberProperty("lastTimestamp", lastTimestamp);
            g.writeNumberProperty("plannedSamples", plannedSamples);
            g.writeNumberProperty("samples", samples);
            g.writeNumberProperty("requests", requests);
            g.writeNumberProperty("failedRequests", failedRequests);
            g.writeNumberProperty("failedSamples", failedSamples);
            g.writeNumberProperty("unconfirmedSamples", unconfirmedSamples);
            g.writeNumberProperty("retries", retries);
            g.writeNumberProperty("compressedBytes", compressedBytes);
            g.writeNumberProperty("rawBytes", rawBytes);
            g.writeNumberProperty("durationSeconds", durationSeconds);
            g.writeNumberProperty("samplesPerSecond", samplesPerSecond);
            g.writeNumberProperty("requestsPerSecond", requestsPerSecond);
            g.writeObjectPropertyStart("latencyMillis");
            g.writeNumberProperty("count", latency.count());
            g.writeNumberProperty("p50", latency.p50());
            g.writeNumberProperty("p90", latency.p90());
            g.writeNumberProperty("p99", latency.p99());
            g.writeNumberProperty("max", latency.max());
            g.writeNumberProperty("mean", latency.mean());
            g.writeEndObject();
            g.writeObjectPropertyStart("errorsByStatus");
            for (Map.Entry<String, Long> e : new java.util.TreeMap<>(errorsByStatus).entrySet()) {
                g.writeNumberProperty(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeBooleanProperty("pregenerated", pregenerated);
            g.writeNumberProperty("pregenerateSeconds", pregenerateSeconds);
            g.writeNumberProperty("targetSamplesPerSecond", targetSamplesPerSecond);
            g.writeNumberProperty("lateTicks", lateTicks);
            g.writeBooleanProperty("stoppedByMaxRequests", stoppedByMaxRequests);
            g.writeBooleanProperty("complete", complete());
            g.writeEndObject();
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8) + "\n";
    }

    void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson());
    }
}
