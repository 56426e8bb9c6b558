package io.strata.bench.write;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strata bench visibility}: how long after a remote-write acknowledgement a sample can be
 * read back. Each probe writes one sample of a brand-new series, and from the moment the 2xx
 * arrives polls the series API (or an instant query) until the series shows up. The time from
 * acknowledgement to the first answer that contains it is the visibility latency; it includes one
 * HTTP round trip of polling, so it is an upper bound of the server's own delay.
 */
@Command(name = "visibility", mixinStandardHelpOptions = true,
        description = "Measure write-to-read visibility: time from a remote-write 2xx until the series API returns it.")
public final class VisibilityCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, description = "Base URL of the server, e.g. http://127.0.0.1:7201")
    URI base;

    @Option(names = "--write-path", defaultValue = "/api/v1/write", description = "Remote write path (default: ${DEFAULT-VALUE}).")
    String writePath;

    @Option(names = "--check", defaultValue = "series", description = "How to read back: series or query (default: ${DEFAULT-VALUE}).")
    String check;

    @Option(names = "--probes", defaultValue = "200", description = "Number of probes (default: ${DEFAULT-VALUE}).")
    int probes;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Give up on a probe after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Also write the summary as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (probes < 1 || probes > 100_000) {
            System.err.println("--probes must be between 1 and 100000, got " + probes);
            return 2;
        }
        VisibilityProbe.Result r;
        try {
            r = new VisibilityProbe(base, writePath, check, timeout).run(probes, System.nanoTime() + Duration.ofDays(1).toNanos());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        String summary = String.format(Locale.ROOT,
                "visibility after ack over %d probes: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; "
                        + "write latency p50 %.2f ms, p99 %.2f ms; not visible within %s: %d",
                r.visible(), r.p50Ms(), r.p90Ms(), r.p99Ms(), r.maxMs(), r.writeP50Ms(), r.writeP99Ms(), timeout, r.notVisible());
        System.out.println(summary);
        if (json != null) {
            Files.writeString(json, String.format(Locale.ROOT,
                    "{\"probes\":%d,\"visible\":%d,\"notVisible\":%d,\"p50Ms\":%.3f,\"p90Ms\":%.3f,\"p99Ms\":%.3f,\"maxMs\":%.3f,"
                            + "\"writeP50Ms\":%.3f,\"writeP99Ms\":%.3f}%n",
                    r.probes(), r.visible(), r.notVisible(), r.p50Ms(), r.p90Ms(), r.p99Ms(), r.maxMs(), r.writeP50Ms(), r.writeP99Ms()));
        }
        return r.notVisible() == 0 ? 0 : 1;
    }
}
