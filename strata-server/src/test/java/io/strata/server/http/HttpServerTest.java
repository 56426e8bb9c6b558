package io.strata.server.http;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.server.api.ApiErrorRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP machinery, independent of the API: ordering, limits, compression, errors, shutdown. */
class HttpServerTest {
    private static final int LIMIT = 4096;

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> observed = new CopyOnWriteArrayList<>();
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private final CountDownLatch watchedStarted = new CountDownLatch(1);
    private final CountDownLatch clientGone = new CountDownLatch(1);
    private final CountDownLatch watchedFinished = new CountDownLatch(1);
    private HttpServer server;

    private HttpServer start() {
        Router router = new Router()
                .add(Route.of("/echo", r -> Response.text(200, r.method() + " " + r.path() + " " + r.params()
                        + " body=" + new String(r.body(), StandardCharsets.UTF_8)), GET, POST))
                .add(Route.of("/big", r -> Response.text(200, "x".repeat(100_000)), GET))
                .add(Route.of("/slow", r -> {
                    slowStarted.countDown();
                    try {
                        slowRelease.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Response.text(200, "slow done");
                }, GET))
                .add(Route.of("/watched", r -> {
                    // Waits like a long query, until its client is reported gone.
                    try (ClientConnection.Registration hook = r.onClientGone(clientGone::countDown)) {
                        watchedStarted.countDown();
                        clientGone.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        watchedFinished.countDown();
                    }
                    return Response.text(200, "client gone: " + (clientGone.getCount() == 0));
                }, GET))
                .add(Route.of("/watched-quick", r -> {
                    try (ClientConnection.Registration hook = r.onClientGone(clientGone::countDown)) {
                        return Response.text(200, "quick");
                    }
                }, GET))
                .add(Route.of("/api/bug", r -> {
                    throw new IllegalStateException("secret internal detail");
                }, GET))
                .add(Route.of("/api/error", r -> {
                    throw new AssertionError("an Error, not an Exception");
                }, GET))
                .add(Route.of("/api/unavailable", r -> {
                    throw new StrataException(ErrorCode.UNAVAILABLE, "disk full");
                }, GET))
                .add(Route.of("/item/:id/show", r -> Response.text(200, "id=" + r.pathParam("id")), GET))
                .add(Route.of("/stream", r -> Response.streamed(200, Response.TEXT, java.util.Map.of(), out -> {
                    for (int i = 0; i < 50_000; i++) {
                        out.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                    }
                }), GET))
                .add(Route.of("/stream-raw", r -> Response.streamed(200, Response.TEXT, java.util.Map.of(), out -> {
                    out.write("y".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
                }).uncompressed(), GET))
                .add(Route.of("/stream-broken", r -> Response.streamed(200, Response.TEXT, java.util.Map.of(), out -> {
                    out.write("x".repeat(200_000).getBytes(StandardCharsets.US_ASCII));
                    throw new StrataException(ErrorCode.UNAVAILABLE, "disk vanished mid-answer");
                }), GET));
        server = HttpServer.start(new HttpServerOptions("127.0.0.1", 0, LIMIT, Duration.ofSeconds(10), Duration.ofSeconds(1)), router,
                new ApiErrorRenderer(), (handler, status, nanos) -> observed.add(handler + " " + status));
        return server;
    }

    @AfterEach
    void stop() {
        slowRelease.countDown();
        if (server != null) {
            server.close();
        }
        client.close();
    }

    @Test
    void mergesFormBodyBeforeQueryParameters() throws Exception {
        start();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/echo?a=query&b=2"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("a=form+value&c=%E2%9C%93")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("POST /echo {a=[form value, query], c=[✓], b=[2]} body=a=form+value&c=%E2%9C%93");
    }

    @Test
    void semicolonsDoNotSeparateParameters() throws Exception {
        start();
        assertThat(get("/echo?a=1;b=2").body()).isEqualTo("GET /echo {a=[1;b=2]} body=");
    }

    @Test
    void pathParametersArePercentDecodedButKeepPlus() throws Exception {
        start();
        assertThat(get("/item/a%2Fb+c/show").body()).isEqualTo("id=a/b+c");
    }

    @Test
    void malformedQueryEscapeIsBadData() throws Exception {
        start();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /echo?a=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = readAll(s.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 400 Bad Request");
            assertThat(response).contains("error parsing form values: ");
        }
    }

    @Test
    void unexpectedExceptionIs500WithAnIdAndNoDetails() throws Exception {
        start();
        HttpResponse<String> r = get("/api/bug");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).matches("\\{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"internal server error "
                + "\\[errorId=[0-9a-f]{8}]; the server log has the details\"}");
        assertThat(r.body()).doesNotContain("secret").doesNotContain("IllegalStateException").doesNotContain("at io.");
    }

    @Test
    void errorThrownByAHandlerStillGetsAnAnswer() throws Exception {
        start();
        HttpResponse<String> r = get("/api/error");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("internal server error [errorId=").doesNotContain("AssertionError");
        assertThat(get("/echo").statusCode()).isEqualTo(200);
    }

    @Test
    void strataExceptionCodeDecidesStatus() throws Exception {
        start();
        HttpResponse<String> r = get("/api/unavailable");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"disk full\"}");
    }

    @Test
    void oversizedBodyGets413NamingTheLimit() throws Exception {
        start();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/echo"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("request body of 4097 bytes exceeds the limit of 4096 bytes "
                + "(limits.maxRequestBytes); send smaller requests or raise the limit\n");
        assertThat(observed).contains("/echo 413");
        // The server stays usable.
        assertThat(get("/echo").statusCode()).isEqualTo(200);
    }

    @Test
    void oversizedChunkedBodyGets413() throws Exception {
        start();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String chunk = Integer.toHexString(3000) + "\r\n" + "a".repeat(3000) + "\r\n";
            out.write((chunk + chunk).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readAll(s.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n");
            assertThat(response).contains("connection: close");
            assertThat(response).contains("\"error\":\"request body exceeds the limit of 4096 bytes (limits.maxRequestBytes)");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        start();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                requests.append("GET /echo?i=").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            requests.append("GET /echo?i=last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            s.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            String all = readAll(s.getInputStream());
            int from = 0;
            for (int i = 0; i < 20; i++) {
                int at = all.indexOf("GET /echo {i=[" + i + "]}", from);
                assertThat(at).as("answer %d after position %d", i, from).isGreaterThan(from);
                from = at;
            }
            assertThat(all.indexOf("{i=[last]}")).isGreaterThan(from);
        }
    }

    @Test
    void idleConnectionIsClosedButOneWaitingForItsAnswerIsNot() throws Exception {
        start();
        try (Socket idle = new Socket("127.0.0.1", server.port());
                Socket waiting = new Socket("127.0.0.1", server.port())) {
            idle.setSoTimeout(30_000);
            waiting.setSoTimeout(30_000);
            waiting.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(idle.getInputStream().read()).as("the server closes the idle connection").isEqualTo(-1);
            slowRelease.countDown();
            byte[] answer = new byte[12];
            assertThat(waiting.getInputStream().readNBytes(answer, 0, 12)).isEqualTo(12);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        }
    }

    @Test
    void malformedRequestLineIsRefusedWithoutCrashing() throws Exception {
        start();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = readAll(s.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 400 Bad Request");
            assertThat(response).contains("malformed HTTP request");
        }
        assertThat(get("/echo").statusCode()).isEqualTo(200);
    }

    @Test
    void clientThatDisconnectsIsReportedToItsHandler() throws Exception {
        start();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /watched HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(watchedStarted.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(clientGone.await(10, TimeUnit.SECONDS)).as("close reported").isTrue();
        assertThat(watchedFinished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(get("/echo").statusCode()).isEqualTo(200);
    }

    @Test
    void withdrawnCloseHookIsNotRunWhenTheConnectionClosesLater() throws Exception {
        start();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /watched-quick HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(s.getInputStream())).startsWith("HTTP/1.1 200 OK").endsWith("quick");
        }
        // The server closed the connection after answering; the hook had been withdrawn before.
        assertThat(get("/echo").statusCode()).isEqualTo(200);
        assertThat(clientGone.getCount()).isEqualTo(1);
    }

    @Test
    void largeResponsesAreGzippedWhenAccepted() throws Exception {
        start();
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri("/big")).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(r.body().length).isLessThan(10_000);
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("x".repeat(100_000));
        }
        HttpResponse<byte[]> plain = client.send(HttpRequest.newBuilder(uri("/big")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).hasSize(100_000);
    }

    @Test
    void streamedBodyArrivesWholeInChunksAndIsCompressedWhenAccepted() throws Exception {
        start();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            expected.append("line ").append(i).append('\n');
        }
        HttpResponse<String> plain = get("/stream");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Transfer-Encoding")).contains("chunked");
        assertThat(plain.body()).isEqualTo(expected.toString());
        HttpResponse<byte[]> gzipped = client.send(HttpRequest.newBuilder(uri("/stream"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
        }
        // The connection stays usable after a streamed answer.
        assertThat(get("/echo").statusCode()).isEqualTo(200);
    }

    @Test
    void uncompressedResponseIgnoresAcceptEncodingAndLeaksNoInternalHeader() throws Exception {
        start();
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri("/stream-raw"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).contains("strata"));
        assertThat(r.body()).hasSize(100_000);
    }

    @Test
    void streamFailingMidwayAbortsTheConnectionInsteadOfEndingNormally() throws Exception {
        start();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /stream-broken HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String received = readAll(s.getInputStream());
            assertThat(received).startsWith("HTTP/1.1 200 OK");
            assertThat(received).as("no terminating chunk").doesNotEndWith("\r\n0\r\n\r\n");
        }
        assertThat(get("/echo").statusCode()).isEqualTo(200);
    }

    @Test
    void closeLetsRequestsInFlightFinish() throws Exception {
        start();
        CompletableFuture<HttpResponse<String>> slow =
                client.sendAsync(HttpRequest.newBuilder(uri("/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        Thread closer = Thread.ofPlatform().name("test-closer").start(server::close);
        slowRelease.countDown();
        closer.join(20_000);
        assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow done");
        assertThat(closer.isAlive()).isFalse();
    }

    @Test
    void bindingABusyPortFailsWithAClearMessage() {
        start();
        Router router = new Router();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpServer.start(
                        new HttpServerOptions("127.0.0.1", server.port(), LIMIT, Duration.ofSeconds(1), Duration.ofSeconds(1)), router,
                        new ApiErrorRenderer(), (h, s, n) -> {}))
                .isInstanceOf(StrataException.class)
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + server.port() + ": ")
                .hasMessageEndingWith("; choose another http.port or http.listenAddress");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
