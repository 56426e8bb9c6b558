package io.strata.server.namespaces;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.aggregator.query.NamespaceQueryPlanner;
import io.strata.aggregator.stream.AggregatedNamespace;
import io.strata.aggregator.stream.AggregationSetup;
import io.strata.aggregator.stream.AggregatorMetrics;
import io.strata.aggregator.stream.DownsamplingStorage;
import io.strata.aggregator.stream.NewestSamples;
import io.strata.aggregator.stream.WindowRecovery;
import io.strata.model.Matcher;
import io.strata.model.MetricMetadata;
import io.strata.server.config.AggregationSettings;
import io.strata.server.config.StrataConfig;
import io.strata.storage.Appender;
import io.strata.storage.CardinalityStats;
import io.strata.storage.Health;
import io.strata.storage.Querier;
import io.strata.storage.Storage;
import io.strata.tsdb.Tsdb;
import io.strata.tsdb.TsdbOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node storage with namespaces: the raw TSDB in the data directory, one TSDB per
 * aggregated namespace in {@code namespaces/<name>/}, and the streaming aggregator between them.
 * Reads, writes and administration go through the {@link DownsamplingStorage}; the query API asks
 * {@link #planner()} which namespace serves a query. Thread-safe; reloads are serialized.
 */
public final class NamespacedStorage implements Storage, Namespaced {
    private static final Logger LOG = LoggerFactory.getLogger(NamespacedStorage.class);
    static final String NAMESPACES_DIR = "namespaces";
    /** The input store of series kept out of raw; the dot keeps it apart from namespace names. */
    static final String INPUT_DIR = ".aggregator-input";

    private final Function<NamespaceSpec, TsdbOptions> optionsFor;
    private final Tsdb raw;
    private final Tsdb input;
    private final DownsamplingStorage downsampling;
    private final InstantSource clock;
    private final long defaultLookbackMs;
    private final Map<String, Tsdb> aggregatedStores = new LinkedHashMap<>(); // guarded by this
    private volatile NamespaceSpec rawSpec;
    private volatile AggregationSettings settings;
    private volatile NamespaceQueryPlanner planner;

    private NamespacedStorage(Function<NamespaceSpec, TsdbOptions> optionsFor, Tsdb raw, Tsdb input, NamespaceSpec rawSpec,
            InstantSource clock, long defaultLookbackMs, Map<String, Tsdb> aggregated, AggregationSettings settings) {
        this.optionsFor = optionsFor;
        this.raw = raw;
        this.rawSpec = rawSpec;
        this.clock = clock;
        this.defaultLookbackMs = defaultLookbackMs;
        this.aggregatedStores.putAll(aggregated);
        this.settings = settings;
        Map<String, AggregatedNamespace> handles = new HashMap<>();
        for (NamespaceSpec spec : settings.namespaces()) {
            if (!spec.isRaw()) {
                handles.put(spec.name(), new AggregatedNamespace(spec, aggregated.get(spec.name())));
            }
        }
        this.input = input;
        this.downsampling = new DownsamplingStorage(raw, input, setup(1, handles, settings), clock, true);
        this.planner = planner(settings);
    }

    /**
     * Opens every namespace of {@code config.aggregation()}, then rebuilds the windows that were
     * open when the process last stopped. Returns when ready for writes.
     */
    public static NamespacedStorage open(StrataConfig config, Function<NamespaceSpec, TsdbOptions> optionsFor) {
        AggregationSettings settings = config.aggregation();
        Tsdb raw = Tsdb.open(optionsFor.apply(settings.raw()));
        Map<String, Tsdb> aggregated = new LinkedHashMap<>();
        Tsdb input = null;
        try {
            input = Tsdb.open(inputOptions(optionsFor.apply(settings.raw()), settings));
            for (NamespaceSpec spec : settings.namespaces()) {
                if (!spec.isRaw()) {
                    aggregated.put(spec.name(), Tsdb.open(optionsFor.apply(spec)));
                }
            }
        } catch (RuntimeException e) {
            aggregated.values().forEach(Tsdb::close);
            if (input != null) {
                input.close();
            }
            raw.close();
            throw e;
        }
        NamespacedStorage storage = new NamespacedStorage(optionsFor, raw, input, settings.raw(), InstantSource.system(),
                config.query().lookbackDelta().toMillis(), aggregated, settings);
        Map<String, NewestSamples> written = new HashMap<>();
        aggregated.forEach((name, tsdb) -> written.put(name, newest(tsdb)));
        Tsdb in = input;
        WindowRecovery.run(storage.downsampling, visitor -> {
            raw.head().forEachNewestSample(visitor::visit);
            in.head().forEachNewestSample(visitor::visit);
        }, written);
        return storage;
    }

    /** Where namespace {@code spec} lives under {@code dataDir}: the raw one in it, others below. */
    public static Path directory(Path dataDir, NamespaceSpec spec) {
        return spec.isRaw() ? dataDir : dataDir.resolve(NAMESPACES_DIR).resolve(spec.name());
    }

    /**
     * The input store: in the data directory's {@code .aggregator-input/}, kept for a day or two of
     * the longest window and its lateness, whichever is longer; only recovery reads it.
     */
    private static TsdbOptions inputOptions(TsdbOptions rawOptions, AggregationSettings settings) {
        long longest = Duration.ofDays(1).toMillis();
        for (NamespaceSpec spec : settings.namespaces()) {
            longest = Math.max(longest, 2 * (spec.resolutionMillis() + spec.latenessMillis()));
        }
        return rawOptions.toBuilder()
                .dataDir(rawOptions.dataDir().resolve(INPUT_DIR))
                .retention(Duration.ofMillis(longest))
                .retentionSizeBytes(0)
                .build();
    }

    private static NewestSamples newest(Tsdb tsdb) {
        return visitor -> tsdb.head().forEachNewestSample(visitor::visit);
    }

    private static AggregationSetup setup(long generation, Map<String, AggregatedNamespace> handles,
            AggregationSettings settings) {
        boolean trivial = handles.isEmpty() && settings.rules().dropRules().isEmpty();
        return new AggregationSetup(generation, handles, settings.rules(), trivial);
    }

    private NamespaceQueryPlanner planner(AggregationSettings s) {
        List<NamespaceQueryPlanner.Namespace> aggregated = new ArrayList<>();
        for (NamespaceSpec spec : s.namespaces()) {
            if (!spec.isRaw()) {
                AggregatedNamespace handle = downsampling.setup().namespaces().get(spec.name());
                aggregated.add(new NamespaceQueryPlanner.Namespace(spec, (min, max) -> handle.storage().querier(min, max)));
            }
        }
        return new NamespaceQueryPlanner(new NamespaceQueryPlanner.Namespace(s.raw(), downsampling), aggregated, clock,
                defaultLookbackMs);
    }

    @Override
    public NamespaceQueryPlanner planner() {
        return planner;
    }

    public AggregatorMetrics aggregatorMetrics() {
        return downsampling.metrics();
    }

    public DownsamplingStorage downsampling() {
        return downsampling;
    }

    /** The raw namespace's TSDB, for the status pages and metrics. */
    public Tsdb rawTsdb() {
        return raw;
    }

    @Override
    public synchronized List<NamespaceStatus> namespaces() {
        List<NamespaceStatus> out = new ArrayList<>();
        for (NamespaceSpec spec : settings.namespaces()) {
            Tsdb tsdb = spec.isRaw() ? raw : aggregatedStores.get(spec.name());
            String dir = spec.isRaw() ? "." : NAMESPACES_DIR + "/" + spec.name();
            out.add(new NamespaceStatus(spec, dir, tsdb.head().numSeries()));
        }
        out.sort((a, b) -> a.spec().isRaw() ? -1 : b.spec().isRaw() ? 1
                : Long.compare(a.spec().resolutionMillis(), b.spec().resolutionMillis()));
        return out;
    }

    @Override
    public synchronized String reload(AggregationSettings next) {
        NamespaceSpec nextRaw = next.raw();
        if (nextRaw.blockDurationMillis() != rawSpec.blockDurationMillis()
                || nextRaw.outOfOrderWindowMillis() != rawSpec.outOfOrderWindowMillis()
                || !nextRaw.name().equals(rawSpec.name())) {
            throw new IllegalArgumentException("the raw namespace's name, block duration and out-of-order window change"
                    + " only with a restart (running: " + describe(rawSpec) + ", file: " + describe(nextRaw) + ")");
        }
        Map<String, AggregatedNamespace> current = downsampling.setup().namespaces();
        for (NamespaceSpec spec : next.namespaces()) {
            AggregatedNamespace running = current.get(spec.name());
            if (running != null && running.resolutionMillis() != spec.resolutionMillis()) {
                throw new IllegalArgumentException("namespace " + spec.name() + " cannot change its resolution from "
                        + running.spec().policy() + " to " + spec.policy() + " in place; give the new policy a new name");
            }
        }
        List<String> changes = new ArrayList<>();
        if (nextRaw.retentionMillis() != rawSpec.retentionMillis()) {
            raw.setRetention(Duration.ofMillis(nextRaw.retentionMillis()));
            changes.add("raw retention " + rawSpec.policy() + " -> " + nextRaw.policy());
        }
        Map<String, AggregatedNamespace> handles = new HashMap<>();
        Map<String, Tsdb> opened = new HashMap<>();
        try {
            for (NamespaceSpec spec : next.namespaces()) {
                if (spec.isRaw()) {
                    continue;
                }
                AggregatedNamespace running = current.get(spec.name());
                if (running == null) {
                    Tsdb tsdb = Tsdb.open(optionsFor.apply(spec));
                    opened.put(spec.name(), tsdb);
                    handles.put(spec.name(), new AggregatedNamespace(spec, tsdb));
                    changes.add("added " + spec.name() + " (" + spec.policy() + ")");
                } else {
                    handles.put(spec.name(), running);
                }
            }
        } catch (RuntimeException e) {
            opened.values().forEach(Tsdb::close);
            throw e;
        }
        aggregatedStores.putAll(opened);
        for (NamespaceSpec spec : next.namespaces()) {
            AggregatedNamespace running = current.get(spec.name());
            if (spec.isRaw() || running == null || running.spec().equals(spec)) {
                continue;
            }
            NamespaceSpec was = running.spec();
            Tsdb tsdb = aggregatedStores.get(spec.name());
            if (was.blockDurationMillis() != spec.blockDurationMillis()
                    || was.outOfOrderWindowMillis() != spec.outOfOrderWindowMillis()) {
                tsdb.close();
                tsdb = Tsdb.open(optionsFor.apply(spec));
                aggregatedStores.put(spec.name(), tsdb);
            } else if (was.retentionMillis() != spec.retentionMillis()) {
                tsdb.setRetention(Duration.ofMillis(spec.retentionMillis()));
            }
            running.replace(spec, tsdb);
            changes.add("changed " + spec.name() + " (" + describe(was) + " -> " + describe(spec) + ")");
        }
        downsampling.reconfigure(setup(downsampling.setup().generation() + 1, handles, next));
        for (String name : new ArrayList<>(aggregatedStores.keySet())) {
            if (!handles.containsKey(name)) {
                aggregatedStores.remove(name).close();
                changes.add("removed " + name + " (its data stays on disk)");
            }
        }
        if (!next.rules().mappingRules().equals(settings.rules().mappingRules())
                || !next.rules().rollupRules().equals(settings.rules().rollupRules())
                || !next.rules().dropRules().equals(settings.rules().dropRules())) {
            changes.add("rules replaced");
        }
        this.rawSpec = nextRaw;
        this.settings = next;
        this.planner = planner(next);
        String summary = changes.isEmpty() ? "nothing changed" : String.join("; ", changes);
        LOG.info("configuration reloaded: {}", summary);
        return summary;
    }

    private static String describe(NamespaceSpec s) {
        return s.policy() + ", block " + io.strata.promql.parse.PromDurations.format(s.blockDurationMillis())
                + ", out-of-order " + io.strata.promql.parse.PromDurations.format(s.outOfOrderWindowMillis())
                + (s.isRaw() ? "" : ", lateness " + io.strata.promql.parse.PromDurations.format(s.latenessMillis()));
    }

    // ---- Storage, through the downsampling store ----

    @Override
    public Appender appender() {
        return downsampling.appender();
    }

    @Override
    public Querier querier(long minTime, long maxTime) {
        // Series, labels and remote read have only a range: older than raw's retention, they read
        // the namespace a query from minTime would read.
        return planner.queryableFrom(minTime).querier(minTime, maxTime);
    }

    @Override
    public Map<String, List<MetricMetadata>> metadata(String metric, int limit) {
        return downsampling.metadata(metric, limit);
    }

    @Override
    public void deleteSeries(List<Matcher> matchers, long minTime, long maxTime) {
        downsampling.deleteSeries(matchers, minTime, maxTime);
    }

    @Override
    public void flushHead() {
        downsampling.flushHead();
    }

    @Override
    public int compactNow() {
        return downsampling.compactNow();
    }

    @Override
    public CardinalityStats cardinality(int topN) {
        return downsampling.cardinality(topN);
    }

    @Override
    public Health health() {
        return downsampling.health();
    }

    @Override
    public void close() {
        downsampling.close(); // closes the raw and aggregated stores it holds
    }
}
