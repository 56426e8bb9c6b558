package io.strata.bench.compare;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One server under test, run as a local process on 127.0.0.1 with its own data directory.
 *
 * <p>Life cycle: {@link #start} (the data directory may hold data from an earlier start, which
 * is how a restart is measured) → measurements → {@link #kill} or {@link #stop} → possibly
 * {@link #start} again. At most one process per instance runs at a time. Not thread-safe: the
 * harness drives one server from one thread; only {@link #pid()} may be read by samplers.
 */
interface ServerProcess extends AutoCloseable {
    ServerKind kind();

    /** Base URL of its HTTP API, e.g. {@code http://127.0.0.1:18100}. */
    URI baseUrl();

    /** Its data directory; everything it stores lives below. */
    Path dataDir();

    /**
     * Starts the process and waits until its readiness endpoint answers 2xx.
     *
     * @throws IOException when it cannot start, exits, or is not ready within {@code readyTimeout};
     *     the message names the server and ends with the tail of its log
     */
    void start(Duration readyTimeout) throws IOException, InterruptedException;

    /** Process id of the running server; -1 when none runs. */
    long pid();

    /**
     * Makes the server persist what it holds in its most compact form (flush, merge, or cut a
     * block) so that {@link #diskUsage()} measures storage rather than buffers.
     */
    void flush() throws IOException, InterruptedException;

    /** Bytes on disk, split into data and index as the server's layout allows (see each implementation). */
    DiskUsage diskUsage() throws IOException;

    /** How {@link #diskUsage()} splits files, for the report. */
    String diskLayoutNote();

    /** Extra parameters for every query, e.g. VictoriaMetrics's {@code nocache=1}. */
    Map<String, String> queryParams();

    /** Stops gracefully (SIGTERM), then forcibly if it has not exited within a bound; no-op when not running. */
    void stop() throws InterruptedException;

    /** SIGKILL, as a crash: nothing is flushed. Waits until the process is gone. */
    void kill() throws InterruptedException;

    @Override
    void close() throws InterruptedException;
}
