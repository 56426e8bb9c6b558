package io.strata.bench.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A stand-in for a Prometheus query API on 127.0.0.1: answers {@code /api/v1/query} and
 * {@code /api/v1/query_range} with whatever the test's function returns, and records every request.
 */
final class FakePrometheus implements AutoCloseable {
    /** A canned answer. */
    record Answer(int status, String body) {}

    /** One request as received: the endpoint path and the decoded parameters. */
    record Request(String path, Map<String, String> params) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakePrometheus(BiFunction<String, Map<String, String>, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/", exchange -> handle(exchange, answers));
        server.start();
    }

    private void handle(HttpExchange exchange, BiFunction<String, Map<String, String>, Answer> answers) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> params = decode(exchange.getRequestURI().getRawQuery());
            requests.add(new Request(path, params));
            Answer a = answers.apply(path, params);
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> decode(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A correct answer with {@code series} series: a vector for instant queries, a matrix of 3 points each for range queries. */
    static Answer series(String path, int series) {
        return path.endsWith("query_range") ? matrix(series, 3) : vector(series);
    }

    /** A vector of {@code series} samples. */
    static Answer vector(int series) {
        StringBuilder sb = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        for (int i = 0; i < series; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"metric\":{\"instance\":\"host-").append(i).append("\"},\"value\":[1,\"1\"]}");
        }
        return new Answer(200, sb.append("]}}").toString());
    }

    /** A matrix of {@code series} series of {@code pointsEach} points. */
    static Answer matrix(int series, int pointsEach) {
        StringBuilder sb = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
        for (int i = 0; i < series; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"metric\":{\"instance\":\"host-").append(i).append("\"},\"values\":[");
            for (int p = 0; p < pointsEach; p++) {
                sb.append(p == 0 ? "" : ",").append('[').append(p + 1).append(",\"1\"]");
            }
            sb.append("]}");
        }
        return new Answer(200, sb.append("]}}").toString());
    }

    /** A one-sample vector holding {@code value}. */
    static Answer value(String value) {
        return new Answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\""
                + value + "\"]}]}}");
    }
}
