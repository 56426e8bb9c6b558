package io.strata.server.e2e;

import static org.awaitility.Awaitility.await;

import io.strata.server.cli.StrataMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code strata server} as a child JVM on 127.0.0.1, as an operator would run it: flags only, the
 * production logback configuration, output in a log file. The port is 0 and read back from the
 * "listening on" log line, so parallel test runs never fight over a port.
 */
final class StrataChild implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on /127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    private StrataChild(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the server on {@code dataDir} and waits until {@code /-/ready} answers 200. */
    static StrataChild startReady(Path dataDir, Path log, String... extraFlags) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                // The test classpath carries a quiet logback-test.xml; the child logs like the real server.
                "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), StrataMain.class.getName(), "server",
                "--listen-address", "127.0.0.1", "--http-port", "0", "--data-dir", dataDir.toString()));
        command.addAll(List.of(extraFlags));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        StrataChild child = new StrataChild(process, log);
        try {
            child.awaitReady();
        } catch (RuntimeException | Error e) {
            child.close();
            throw new AssertionError("the server did not become ready; its log:\n" + child.logText(), e);
        }
        return child;
    }

    private void awaitReady() {
        await().atMost(START_LIMIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue());
            }
            if (port == 0) {
                Matcher m = LISTENING.matcher(logText());
                if (!m.find()) {
                    return false;
                }
                port = Integer.parseInt(m.group(1));
            }
            return get("/-/ready").statusCode() == 200;
        });
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery) {
        try {
            return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The server process's id, to send it signals. */
    long pid() {
        return process.pid();
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed by the server. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not die on SIGKILL within 30 s");
        }
    }

    @Override
    public void close() {
        client.close();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
