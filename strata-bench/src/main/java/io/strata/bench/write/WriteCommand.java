package io.strata.bench.write;

import io.strata.ingest.remotewrite.RemoteWriteEncoder.Version;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code strata bench write}: the remote-write load generator. See docs/load-generator.md. */
@Command(
        name = "write",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Send a realistic node_exporter-like dataset to any Prometheus remote-write endpoint "
                    + "(Strata, Prometheus with --web.enable-remote-write-receiver, VictoriaMetrics, ...).",
            "Backfill (--hours) sends the past as fast as the receiver takes it; live (--duration) sends "
                    + "the current samples every --interval. Progress goes to stderr, the summary to stdout.",
            "Exit code 0 when every sample was accepted, 1 otherwise, 2 for bad flags."
        })
public final class WriteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, description = "Remote-write endpoint, e.g. http://127.0.0.1:7201/api/v1/write")
    URI url;

    @Option(names = "--hosts", defaultValue = "100",
            description = "Hosts to simulate, 100 series each (default: ${DEFAULT-VALUE}; 1000 hosts = 100k series)")
    int hosts;

    @Option(names = "--interval", defaultValue = "10s", converter = DurationConverter.class,
            description = "Time between two samples of a series (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--hours", description = "Backfill mode: send the last H hours (decimals allowed) up to now, in time order")
    Double hours;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Live mode: send the current samples every --interval for this long, e.g. 10m")
    Duration duration;

    @Option(names = "--end", description = "Backfill: time of the last sample, RFC 3339 or epoch seconds (default: now); fix it to send identical data to several receivers")
    String end;

    @Option(names = "--connections", defaultValue = "4",
            description = "Concurrent HTTP/1.1 keep-alive connections, each owning a shard of the series (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--batch-samples", defaultValue = "10000", description = "Samples per request (default: ${DEFAULT-VALUE})")
    int batchSamples;

    @Option(names = "--protocol", defaultValue = "1", description = "Remote-write protocol: 1 (1.0) or 2 (2.0) (default: ${DEFAULT-VALUE})")
    int protocol;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the dataset; same seed, same data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--pregenerate", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Backfill: encode and compress every request before the timed phase when it fits in memory, "
                    + "so the run measures the receiver, not the generator (default: ${DEFAULT-VALUE})")
    boolean pregenerate;

    @Option(names = "--max-requests", defaultValue = "10000000", description = "Safety bound on requests sent (default: ${DEFAULT-VALUE})")
    long maxRequests;

    @Option(names = "--max-retries", defaultValue = "10", description = "Retries of a request answered 5xx or 429 or lost (default: ${DEFAULT-VALUE})")
    int maxRetries;

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class, description = "Per request (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--progress-interval", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often to print progress (default: ${DEFAULT-VALUE})")
    Duration progressInterval;

    @Option(names = "--max-skew", defaultValue = "10m", converter = DurationConverter.class,
            description = "Backfill: how far in sample time a connection may run ahead of the slowest (default: ${DEFAULT-VALUE}); "
                    + "receivers reject in-order samples far behind their newest one")
    Duration maxSkew;

    @Option(names = {"-H", "--header"}, description = "Extra request header NAME=VALUE (repeatable), e.g. X-Scope-OrgID=tenant1")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--json", description = "Also write the summary as JSON to this file")
    Path json;

    private InstantSource clock = InstantSource.system();

    /** Tests use a fixed clock. */
    WriteCommand withClock(InstantSource c) {
        this.clock = c;
        return this;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        WriteConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        WriteSummary summary = new WriteRun(config, clock, System.err).execute();
        summary.print(out);
        if (json != null) {
            try {
                summary.writeJson(json);
            } catch (IOException e) {
                System.err.println("cannot write --json " + json + ": " + e.getMessage());
                return 1;
            }
        }
        return summary.complete() ? 0 : 1;
    }

    WriteConfig config() {
        Version version = switch (protocol) {
            case 1 -> Version.V1;
            case 2 -> Version.V2;
            default -> throw new IllegalArgumentException("--protocol must be 1 or 2 [value=" + protocol + "]");
        };
        Duration backfill = null;
        if (hours != null) {
            if (!(hours > 0) || hours > 24 * 365) {
                throw new IllegalArgumentException("--hours must be more than 0 and at most a year [value=" + hours + "]");
            }
            backfill = Duration.ofMillis(Math.round(hours * 3_600_000));
        }
        if (end != null && hours == null) {
            throw new IllegalArgumentException("--end applies to a backfill (--hours) only");
        }
        return new WriteConfig(url, hosts, interval, backfill, duration, parseEnd(end), connections, batchSamples, version,
                seed, pregenerate, maxRequests, maxRetries, timeout, progressInterval, maxSkew, json, headers);
    }

    private static Instant parseEnd(String text) {
        return text == null ? null : InstantConverter.parse("--end", text);
    }
}
