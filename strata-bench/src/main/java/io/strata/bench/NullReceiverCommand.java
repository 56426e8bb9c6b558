package io.strata.bench;

import io.strata.bench.receiver.NullReceiver;
import io.strata.bench.write.DurationConverter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata bench null-receiver}: a remote-write endpoint that discards everything, to measure the generator. */
@Command(name = "null-receiver", mixinStandardHelpOptions = true,
        description = "Accept any POST with 204 and discard it, printing requests/s and MiB/s; measures what 'bench write' can send.")
final class NullReceiverCommand implements Callable<Integer> {
    @Option(names = "--listen", defaultValue = "127.0.0.1:9201", description = "host:port to listen on (default: ${DEFAULT-VALUE})")
    String listen;

    @Option(names = "--threads", defaultValue = "1", description = "Event-loop threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--count-samples",
            description = "Decompress each body and count its samples (answers 2.0 requests with the written-samples header); costs receiver CPU")
    boolean countSamples;

    @Option(names = "--duration", defaultValue = "1h", converter = DurationConverter.class,
            description = "Stop after this long (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Override
    public Integer call() throws InterruptedException {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0 || !listen.substring(colon + 1).matches("\\d{1,5}")) {
            System.err.println("--listen must be host:port, like 127.0.0.1:9201 [value=" + listen + "]");
            return 2;
        }
        String host = listen.substring(0, colon);
        int port = Integer.parseInt(listen.substring(colon + 1));
        try (NullReceiver receiver = NullReceiver.start(host, port, threads, countSamples)) {
            System.err.printf("null receiver listening on %s:%d for %s%n", host, receiver.port(), DurationConverter.format(duration));
            long end = System.nanoTime() + duration.toNanos();
            long lastRequests = 0;
            long lastBytes = 0;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                long r = receiver.requests();
                long b = receiver.bytes();
                System.err.printf(Locale.ROOT, "%d requests (+%d), %.1f MiB (+%.1f MiB), %d samples%n",
                        r, r - lastRequests, b / 1048576.0, (b - lastBytes) / 1048576.0, receiver.samples());
                lastRequests = r;
                lastBytes = b;
            }
        }
        return 0;
    }
}
