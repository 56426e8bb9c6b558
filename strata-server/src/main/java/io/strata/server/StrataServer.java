package io.strata.server;

import io.netty.handler.codec.http.HttpMethod;
import io.strata.ingest.remoteread.RemoteReadHandler;
import io.strata.ingest.remoteread.RemoteReadLimits;
import io.strata.ingest.remotewrite.IngestLimits;
import io.strata.ingest.remotewrite.RejectionCounters;
import io.strata.ingest.remotewrite.RemoteWriteHandler;
import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.server.api.ApiErrorRenderer;
import io.strata.server.api.ApiRoutes;
import io.strata.server.api.BuildFacts;
import io.strata.server.api.NamespacesHandler;
import io.strata.server.namespaces.ConfigReloader;
import io.strata.server.api.ServerFacts;
import io.strata.server.api.StorageAccess;
import io.strata.promql.Promql;
import io.strata.promql.engine.EngineOptions;
import io.strata.promql.parse.ParserOptions;
import io.strata.server.config.ByteSize;
import io.strata.server.config.ConfigKey;
import io.strata.server.config.ConfigKeys;
import io.strata.server.config.ConfigPrinter;
import io.strata.server.config.Features;
import io.strata.server.config.PromDuration;
import io.strata.server.config.StrataConfig;
import io.strata.server.http.HttpServer;
import io.strata.server.http.HttpServerOptions;
import io.strata.server.http.Route;
import io.strata.server.http.Router;
import io.strata.server.ingest.IngestMetrics;
import io.strata.server.ingest.RemoteReadRoute;
import io.strata.server.ingest.RemoteWriteRoute;
import io.strata.server.metrics.MetricsHandler;
import io.strata.server.metrics.ServerMetrics;
import io.strata.server.metrics.StorageMetrics;
import io.strata.storage.Appendable;
import io.strata.storage.Queryable;
import io.strata.storage.Storage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node server: wires configuration, storage, the HTTP APIs and metrics together. The
 * HTTP port opens before the storage, so {@code /-/healthy} answers and {@code /-/ready} says
 * "replaying the WAL" while a large WAL is replayed; API calls get 503 until the storage is open.
 */
public final class StrataServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StrataServer.class);
    /** Long enough for a big remote write or a flush to finish, short enough for orchestrators. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** Prometheus's --storage.remote.read-max-bytes-in-frame default. */
    private static final int REMOTE_READ_FRAME_BYTES = 1 << 20;

    /** Opens the storage the server runs on; the real one is the TSDB, tests pass a fake. */
    @FunctionalInterface
    public interface StorageOpener {
        Storage open(StrataConfig config);
    }

    private final StrataConfig config;
    private final StorageAccess access;
    private final ConfigReloader reloader;
    private final ServerMetrics metrics;
    private final HttpServer http;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing; // guarded by this
    private Storage storage; // guarded by this

    private StrataServer(StrataConfig config, HttpServer http, StorageAccess access, ServerMetrics metrics,
            ConfigReloader reloader) {
        this.config = config;
        this.reloader = reloader;
        this.http = http;
        this.access = access;
        this.metrics = metrics;
    }

    /**
     * Starts serving: binds the HTTP port, then opens the storage.
     *
     * @throws io.strata.model.StrataException when the port cannot be bound or the storage opened;
     *     whatever was started is stopped again
     */
    public static StrataServer start(StrataConfig config, StorageOpener opener) {
        StrataServer server = bind(config);
        try {
            server.openStorage(opener);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Binds the HTTP port and serves health, metrics and 503s until {@link #openStorage} is called.
     *
     * @throws io.strata.model.StrataException when the port cannot be bound
     */
    public static StrataServer bind(StrataConfig config) {
        BuildInfo build = BuildInfo.current();
        ServerMetrics metrics = new ServerMetrics(build.version(), build.revision());
        StorageAccess access = StorageAccess.opening(
                "opening storage in " + config.storage().dataDir() + " (replaying the WAL)");
        Router router = new Router();
        InstantSource clock = InstantSource.system();
        ApiRoutes.register(router, access, config.http().adminApi(), new BuildFacts(
                build.version(), build.revision(), build.branch(), "", build.buildDate(), build.javaVersion()),
                Promql.engine(engineOptions(config)), serverFacts(config, clock.instant()), clock);
        router.add(Route.of("/metrics", new MetricsHandler(metrics.registry()), HttpMethod.GET, HttpMethod.HEAD));
        addRemoteWriteAndRead(config, router, access, metrics);
        ConfigReloader reloader = new ConfigReloader(config, access);
        NamespacesHandler namespaces = new NamespacesHandler(access, reloader);
        router.add(Route.of("/api/v1/namespaces", namespaces::list, HttpMethod.GET))
                .add(Route.of("/-/reload", namespaces::reload, HttpMethod.POST, HttpMethod.PUT));
        HttpServer http = HttpServer.start(
                new HttpServerOptions(config.http().listenAddress(), config.http().port(),
                        (int) config.limits().maxRequestBytes(), SHUTDOWN_TIMEOUT,
                        HttpServerOptions.DEFAULT_IDLE_TIMEOUT),
                router,
                new ApiErrorRenderer(),
                metrics);
        return new StrataServer(config, http, access, metrics, reloader);
    }

    /** The one query engine of the server, from the {@code query.*} settings and enabled features. */
    public static EngineOptions engineOptions(StrataConfig config) {
        StrataConfig.QuerySettings q = config.query();
        StrataConfig.FeatureSettings f = config.features();
        ParserOptions parser = new ParserOptions(
                f.isEnabled(Features.EXPERIMENTAL_FUNCTIONS),
                // On by default since Prometheus 3.14; the flag is accepted but cannot turn it off.
                ParserOptions.DEFAULT.durationExpressions() || f.isEnabled(Features.DURATION_EXPRESSIONS),
                f.isEnabled(Features.EXTENDED_RANGE_SELECTORS),
                f.isEnabled(Features.BINOP_FILL_MODIFIERS));
        EngineOptions defaults = EngineOptions.DEFAULT;
        return new EngineOptions(
                q.lookbackDelta().toMillis(),
                q.maxSamples(),
                q.maxSeries(),
                q.timeout().toMillis(),
                defaults.defaultSubqueryStepMs(),
                parser,
                f.isEnabled(Features.DELAYED_NAME_REMOVAL));
    }

    private static ServerFacts serverFacts(StrataConfig config, Instant startTime) {
        Map<String, String> flags = new TreeMap<>();
        for (ConfigKey key : ConfigKeys.ALL) {
            flags.put(key.flag(), key.current().apply(config));
        }
        return new ServerFacts(startTime, storageRetention(config.storage()), flags, ConfigPrinter.yaml(config));
    }

    /** Prometheus's wording: the time limit, the size limit, or "time or size". */
    static String storageRetention(StrataConfig.StorageSettings s) {
        String time = PromDuration.format(s.retention());
        return s.retentionSizeBytes() == 0 ? time : time + " or " + ByteSize.format(s.retentionSizeBytes());
    }

    private static void addRemoteWriteAndRead(
            StrataConfig config, Router router, StorageAccess access, ServerMetrics metrics) {
        StrataConfig.LimitSettings l = config.limits();
        RejectionCounters counters = new RejectionCounters();
        IngestLimits ingestLimits = new IngestLimits(l.maxLabelsPerSeries(), l.maxLabelNameLength(),
                l.maxLabelValueLength(), l.maxRequestBytes(), l.maxDecompressedBytes(), l.maxFutureSkew(),
                config.ingest().sortUnsortedLabels());
        // Storage is looked up per request: it is not open yet while the WAL replays.
        Appendable appendable = () -> access.get().appender();
        Queryable queryable = (min, max) -> access.get().querier(min, max);
        RemoteWriteHandler write = new RemoteWriteHandler(appendable, ingestLimits, counters, InstantSource.system());
        RemoteReadHandler read = new RemoteReadHandler(queryable, new RemoteReadLimits(
                l.maxRequestBytes(), l.maxDecompressedBytes(), l.remoteReadSampleLimit(), REMOTE_READ_FRAME_BYTES));
        router.add(Route.of("/api/v1/write", new RemoteWriteRoute(write), HttpMethod.POST))
                .add(Route.of("/api/v1/read", new RemoteReadRoute(read), HttpMethod.POST));
        IngestMetrics.register(metrics.registry(), counters);
    }

    /**
     * Opens the storage (replaying its WAL) and starts serving the API from it. Call once.
     *
     * @throws io.strata.model.StrataException when it cannot be opened; the server keeps answering
     *     503 until closed
     */
    public void openStorage(StorageOpener opener) {
        long start = System.nanoTime();
        Storage s = opener.open(config);
        synchronized (this) {
            if (closing) {
                s.close(); // shut down while the WAL was replayed
                throw new StrataException(ErrorCode.UNAVAILABLE, "the server was shut down while opening storage");
            }
            storage = s;
        }
        StorageMetrics.register(metrics.registry(), s);
        access.opened(s);
        log.info("storage in {} open after {} ms; ready", config.storage().dataDir(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Reloads {@code namespaces} and {@code rules} (POST /-/reload, SIGHUP) from the file the server started with. */
    public ConfigReloader reloader() {
        return reloader;
    }

    /** The HTTP port, useful when the configuration asked for port 0. */
    public int port() {
        return http.port();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Refuses new API calls, lets requests in flight finish, then closes the storage so that it
     * flushes what it must. Idempotent.
     */
    @Override
    public void close() {
        Storage s;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            s = storage;
            storage = null;
        }
        log.info("shutting down");
        access.closing("the server is shutting down");
        RuntimeException failure = null;
        try {
            http.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        closed.countDown();
        log.info("stopped");
        if (failure != null) {
            throw failure;
        }
    }
}
