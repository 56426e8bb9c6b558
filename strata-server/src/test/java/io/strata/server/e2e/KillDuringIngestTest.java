package io.strata.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.ingest.remotewrite.RemoteWriteEncoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILL of a real {@code strata server} while several clients remote-write to it loses no
 * sample of any request it answered 204: a 204 means the samples reached the WAL (and, in
 * {@code always} mode, the disk), and a process kill cannot take back what the kernel holds.
 */
class KillDuringIngestTest {
    private static final int CLIENTS = 4;
    /** Each client stops after this many requests even if the kill never came. */
    private static final int MAX_REQUESTS_PER_CLIENT = 150;
    /** The kill comes once this many requests were acknowledged, with the others still sending. */
    private static final int KILL_AFTER_ACKS = 200;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "--wal-sync {0}")
    @ValueSource(strings = {"interval", "always"})
    void everyAcknowledgedSampleSurvivesKillNine(String walSync) throws Exception {
        Path data = dir.resolve("data");
        long base = System.currentTimeMillis() - 60_000;
        Queue<LoadBatch> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger inFlightAtKill = new AtomicInteger();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();

        try (StrataChild server = StrataChild.startReady(data, dir.resolve("first.log"), "--wal-sync", walSync);
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            URI write = server.uri("/api/v1/write");
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> sendUntilRefused(write, client, base, acknowledged, unexpected)));
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                    .until(() -> acknowledged.size() >= KILL_AFTER_ACKS || running.stream().allMatch(Future::isDone));
            inFlightAtKill.set((int) running.stream().filter(f -> !f.isDone()).count());
            server.kill();
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(unexpected.get()).as("a client saw an answer other than 204").isNull();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKS);
        assertThat(inFlightAtKill.get()).as("clients still sending when the kill came").isPositive();

        try (StrataChild restarted = StrataChild.startReady(data, dir.resolve("second.log"), "--wal-sync", walSync)) {
            Map<String, Map<Long, Double>> stored = LoadBatch.readAll(restarted, base);
            SoftAssertions softly = new SoftAssertions();
            for (LoadBatch batch : acknowledged) {
                batch.checkPresent(stored, softly);
            }
            softly.assertAll();
        }
    }

    /** Sends this client's requests in order; stops at the first one that gets no answer. */
    private static void sendUntilRefused(URI write, int client, long base, Queue<LoadBatch> acknowledged,
            AtomicReference<Throwable> unexpected) {
        RemoteWriteEncoder encoder = new RemoteWriteEncoder(RemoteWriteEncoder.Version.V1);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            for (int i = 0; i < MAX_REQUESTS_PER_CLIENT; i++) {
                LoadBatch batch = new LoadBatch(client, i, base);
                HttpResponse<String> r;
                try {
                    r = http.send(batch.request(write, encoder), HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException killed) {
                    return; // the server died with this request in flight: not acknowledged
                }
                if (r.statusCode() != 204) {
                    unexpected.compareAndSet(null, new AssertionError(
                            "request " + i + " of client " + client + ": " + r.statusCode() + " " + r.body()));
                    return;
                }
                acknowledged.add(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
