package io.strata.bench.compare;

import java.io.IOException;
import java.io.RandomAccessFile;
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

/**
 * A child process with its output appended to a log file, started and stopped by the server
 * implementations. A JVM shutdown hook kills it if the harness itself is interrupted, so no
 * server outlives the command.
 */
final class LocalProcess {
    /** How long a server gets to exit after SIGTERM before SIGKILL: enough for a flush on shutdown. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final long READY_POLL_MILLIS = 50;
    private static final int LOG_TAIL_BYTES = 2_000;

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread killer;

    private LocalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.killer = Thread.ofPlatform().name("bench-compare-kill-" + name).unstarted(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Starts {@code command} in {@code workingDir}, stdout and stderr appended to {@code log}. */
    static LocalProcess start(String name, List<String> command, Path workingDir, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return new LocalProcess(name, p, log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Polls {@code url} until it answers 2xx.
     *
     * @throws IOException when the process exits first or the timeout passes, with the log's tail
     */
    void awaitReady(URI url, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build();
            while (System.nanoTime() - deadline < 0) {
                if (!process.isAlive()) {
                    throw new IOException(name + " exited with status " + process.exitValue() + " before " + url
                            + " answered; its log ends with:\n" + logTail());
                }
                try {
                    if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
                        return;
                    }
                } catch (IOException notYet) {
                    // Not listening yet: keep polling until the deadline.
                }
                Thread.sleep(READY_POLL_MILLIS);
            }
        }
        throw new IOException(name + " was not ready at " + url + " within " + timeout.toSeconds() + " s; its log ends with:\n" + logTail());
    }

    /** SIGTERM, then SIGKILL after {@link #STOP_GRACE}; waits for the exit. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
        forget();
    }

    /** SIGKILL; waits for the exit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        forget();
    }

    private void forget() {
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: nothing left to remove.
        }
    }

    /** The last few lines of the log, for error messages. */
    String logTail() {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, f.length() - LOG_TAIL_BYTES);
            byte[] b = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
