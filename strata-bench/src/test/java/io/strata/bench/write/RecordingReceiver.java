package io.strata.bench.write;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strata.model.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A remote-write receiver for tests on 127.0.0.1: decodes every accepted request with
 * {@link WireDecoder} and keeps each series' samples in arrival order. {@code statusForRequest}
 * picks the status of the n-th request (0-based), to script failures.
 */
final class RecordingReceiver implements AutoCloseable {
    final Map<Labels, List<WireDecoder.Sample>> samples = new ConcurrentHashMap<>();
    final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor;
    private final IntUnaryOperator statusForRequest;
    private final String path;
    private final boolean confirmsV2;

    RecordingReceiver(IntUnaryOperator statusForRequest) throws IOException {
        this(statusForRequest, true);
    }

    /** @param confirmsV2 false to act like a 1.x receiver that answers 2.0 requests without the written-samples header */
    RecordingReceiver(IntUnaryOperator statusForRequest, boolean confirmsV2) throws IOException {
        this.statusForRequest = statusForRequest;
        this.confirmsV2 = confirmsV2;
        this.path = "/api/v1/write";
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("test-receiver-", 0).factory());
        server.setExecutor(executor);
        server.createContext(path, this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    long sampleCount() {
        return samples.values().stream().mapToLong(List::size).sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            int n = requests.getAndIncrement();
            int status = statusForRequest.applyAsInt(n);
            if (status / 100 == 2) {
                headers.add(Map.of(
                        "Content-Type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                        "Content-Encoding", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Encoding")),
                        "X-Prometheus-Remote-Write-Version",
                        String.valueOf(exchange.getRequestHeaders().getFirst("X-Prometheus-Remote-Write-Version"))));
                byte[] raw = WireDecoder.unsnappy(body, body.length);
                boolean v2 = exchange.getRequestHeaders().getFirst("Content-Type").contains("v2");
                WireDecoder.Request request = v2 ? WireDecoder.decodeV2(raw) : WireDecoder.decodeV1(raw);
                for (WireDecoder.Series s : request.series()) {
                    samples.computeIfAbsent(s.labels(), k -> new CopyOnWriteArrayList<>()).addAll(s.samples());
                }
                if (v2 && confirmsV2) {
                    exchange.getResponseHeaders().add("X-Prometheus-Remote-Write-Samples-Written",
                            Long.toString(request.sampleCount()));
                }
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] text = ("rejected request " + n + " with " + status).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, text.length);
                exchange.getResponseBody().write(text);
            }
        } catch (RuntimeException | Error e) {
            // A decoding failure must fail the test, not vanish in the server thread.
            failures.add(e);
            throw e;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
