package io.strata.server.api;

import io.strata.server.http.Request;
import io.strata.server.http.Response;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/v1/status/runtimeinfo}, {@code /api/v1/status/flags} and {@code /api/v1/status/config}.
 *
 * <p>Runtime info has Prometheus's fields where they mean the same here (start time, working
 * directory, host name, server time, configuration reload, retention) and Java's own facts where
 * Prometheus reports Go's: {@code threadCount} for {@code goroutineCount},
 * {@code availableProcessors} for {@code GOMAXPROCS}, {@code maxHeapBytes} for
 * {@code GOMEMLIMIT}, as {@code buildinfo} has {@code javaVersion} for {@code goVersion}.
 */
final class RuntimeStatusHandlers {
    /** Go's RFC 3339 with nanoseconds, trailing zeros of the fraction dropped. */
    private static final DateTimeFormatter GO_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private final ServerFacts facts;
    private final InstantSource clock;

    RuntimeStatusHandlers(ServerFacts facts, InstantSource clock) {
        this.facts = facts;
        this.clock = clock;
    }

    Response runtimeInfo(Request request) {
        Runtime runtime = Runtime.getRuntime();
        return Response.json(200, ApiJson.success(g -> {
            g.writeStartObject();
            g.writeStringProperty("startTime", goTime(facts.startTime()));
            g.writeStringProperty("CWD", System.getProperty("user.dir", ""));
            g.writeStringProperty("hostname", hostname());
            g.writeStringProperty("serverTime", goTime(clock.instant()));
            g.writeBooleanProperty("reloadConfigSuccess", true);
            g.writeStringProperty("lastConfigTime", goTime(facts.startTime()));
            g.writeNumberProperty("threadCount", ManagementFactory.getThreadMXBean().getThreadCount());
            g.writeNumberProperty("availableProcessors", runtime.availableProcessors());
            g.writeNumberProperty("maxHeapBytes", runtime.maxMemory());
            g.writeStringProperty("storageRetention", facts.storageRetention());
            g.writeEndObject();
        }));
    }

    /** Every flag and its value, keys sorted as Go writes a map. */
    Response flags(Request request) {
        Map<String, String> sorted = new TreeMap<>(facts.flags());
        return Response.json(200, ApiJson.success(g -> {
            g.writeStartObject();
            sorted.forEach(g::writeStringProperty);
            g.writeEndObject();
        }));
    }

    /** {@code {"yaml":"..."}}: the effective configuration, defaults included. */
    Response config(Request request) {
        return Response.json(200, ApiJson.success(g -> {
            g.writeStartObject();
            g.writeStringProperty("yaml", facts.configYaml());
            g.writeEndObject();
        }));
    }

    static String goTime(Instant instant) {
        return GO_TIME.format(instant);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "" : env;
        }
    }
}
