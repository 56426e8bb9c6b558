package io.strata.server;

import io.strata.server.config.ConfigKey;
import io.strata.server.config.ConfigKeys;
import io.strata.server.config.ConfigLoader;
import io.strata.server.config.StrataConfig;
import io.strata.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A {@link StrataServer} on 127.0.0.1 and a free port over a given storage, with a JDK HttpClient
 * to talk to it.
 */
public final class TestServer implements AutoCloseable {
    private final StrataServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServer(StrataServer server) {
        this.server = server;
    }

    /** Starts a server; {@code settings} are flag names and values, e.g. "admin-api", "false". */
    public static TestServer start(Storage storage, String... settings) {
        return new TestServer(StrataServer.start(config(settings), c -> storage));
    }

    public static TestServer start(StrataServer.StorageOpener opener, String... settings) {
        return new TestServer(StrataServer.start(config(settings), opener));
    }

    /** Binds a server whose storage is opened later through {@code server().openStorage}. */
    public static TestServer bind(String... settings) {
        return new TestServer(StrataServer.bind(config(settings)));
    }

    public static StrataConfig config(String... settings) {
        Map<ConfigKey, String> flags = new LinkedHashMap<>();
        flags.put(key("listen-address"), "127.0.0.1");
        flags.put(key("http-port"), "0");
        for (int i = 0; i < settings.length; i += 2) {
            flags.put(key(settings[i]), settings[i + 1]);
        }
        return ConfigLoader.load(null, null, flags).config();
    }

    private static ConfigKey key(String flag) {
        return ConfigKeys.ALL.stream().filter(k -> k.flag().equals(flag)).findFirst().orElseThrow();
    }

    public StrataServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    /** POSTs {@code name=value} pairs as a form. */
    public HttpResponse<String> postForm(String path, String... namesAndValues) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(namesAndValues)))
                .build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<Void> sendDiscarding(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A URL-encoded query or form: {@code a=1&b=2}. */
    public static String form(String... namesAndValues) {
        StringJoiner j = new StringJoiner("&");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            j.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return j.toString();
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }
}
