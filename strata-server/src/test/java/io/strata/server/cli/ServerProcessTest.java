package io.strata.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.server.ingest.PromWire;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata server} as a separate process: it starts from flags alone, serves, and on SIGTERM
 * shuts down in order (the log says so) with the data kept for the next start.
 */
class ServerProcessTest {
    private static final Pattern LISTENING = Pattern.compile("listening on /127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void sigtermShutsDownGracefullyAndKeepsTheData() throws Exception {
        long now = System.currentTimeMillis();
        Path log = dir.resolve("first.log");
        Process first = start(log);
        try {
            int port = awaitPort(log);
            HttpResponse<String> w = client.send(PromWire.write(URI.create("http://127.0.0.1:" + port + "/api/v1/write"),
                    PromWire.series(new String[] {"__name__", "up", "job", "child"}, now, 1)), HttpResponse.BodyHandlers.ofString());
            assertThat(w.statusCode()).as(w.body()).isEqualTo(204);
        } finally {
            first.destroy(); // SIGTERM
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
        String firstLog = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(firstLog).contains("shutting down").contains("stopped");
        assertThat(firstLog.indexOf("shutting down")).isLessThan(firstLog.indexOf("stopped"));

        Path secondLog = dir.resolve("second.log");
        Process second = start(secondLog);
        try {
            int port = awaitPort(secondLog);
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/series?match[]=up")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"job\":\"child\"}]}");
        } finally {
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private Process start(Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The test classpath has a quiet logback-test.xml; the child must log like the real server.
        List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), StrataMain.class.getName(), "server",
                "--listen-address", "127.0.0.1", "--http-port", "0", "--data-dir", dir.resolve("data").toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int awaitPort(Path log) {
        int[] port = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
            }
            return port[0] != 0 && Files.readString(log, StandardCharsets.UTF_8).contains("ready");
        });
        return port[0];
    }
}
