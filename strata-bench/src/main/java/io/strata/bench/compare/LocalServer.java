package io.strata.bench.compare;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the three servers share: a process started from a command line on 127.0.0.1:port, a
 * readiness URL, a log file beside the data directory, stop and kill. Subclasses say how to start,
 * flush and measure themselves.
 */
abstract class LocalServer implements ServerProcess {
    private final ServerKind kind;
    private final Path dataDir;
    private final int port;
    private LocalProcess process;

    LocalServer(ServerKind kind, Path dataDir, int port) {
        this.kind = kind;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** The command line that starts the server on 127.0.0.1:{@code port} with {@code dataDir}. */
    abstract List<String> command() throws IOException;

    /** Path that answers 2xx once the server takes writes and queries. */
    abstract String readyPath();

    /** Directory the command runs in. */
    Path workingDir() {
        return dataDir.toAbsolutePath().getParent();
    }

    @Override
    public final ServerKind kind() {
        return kind;
    }

    @Override
    public final URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public final Path dataDir() {
        return dataDir;
    }

    /** Where the server's output goes: beside the data directory, kept after the run for post-mortems. */
    final Path log() {
        return dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    @Override
    public Map<String, String> queryParams() {
        return Map.of();
    }

    @Override
    public final void start(Duration readyTimeout) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("BUG: " + kind.id() + " started twice");
        }
        refuseTakenPort();
        Files.createDirectories(dataDir);
        process = LocalProcess.start(kind.id(), command(), workingDir(), log());
        try {
            process.awaitReady(baseUrl().resolve(readyPath()), readyTimeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.kill();
            process = null;
            throw e;
        }
    }

    /** A server still listening on the port (from an earlier run or another user) would be measured instead of ours. */
    private void refuseTakenPort() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        } catch (IOException free) {
            return;
        }
        throw new IOException("port " + port + " on 127.0.0.1 is already in use; stop whatever listens there or pick another --port-base");
    }

    @Override
    public final long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public final void stop() throws InterruptedException {
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    @Override
    public final void kill() throws InterruptedException {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    @Override
    public final void close() throws InterruptedException {
        stop();
    }
}
