package io.strata.aggregator.stream;

import static io.strata.aggregator.stream.Namespaces.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.aggregator.rules.AggregationType;
import io.strata.aggregator.rules.MappingTarget;
import io.strata.aggregator.rules.RollupKind;
import io.strata.aggregator.rules.RollupTarget;
import io.strata.aggregator.rules.SeriesRoute;
import io.strata.model.Labels;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import io.strata.testing.InMemoryStorage;
import io.strata.testing.generate.NodeExporterDataset;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A process that dies with windows open loses none of them and writes none twice: after
 * {@link WindowRecovery} the aggregated namespaces end up exactly as in a run that never stopped.
 */
class WindowRecoveryTest {
    private static final long START = 1_700_000_040_000L;
    private static final long SCRAPE = 15_000;
    private final NodeExporterDataset data = new NodeExporterDataset(2, 5);

    private static SeriesRoute route(Labels series) {
        List<RollupTarget> rollups = "node_cpu_seconds_total".equals(series.metricName())
                ? List.of(new RollupTarget("5m", "cpu", Labels.of("__name__", "cpu_total"), RollupKind.COUNTER,
                        AggregationType.SUM))
                : List.of();
        // node_load1 is kept out of raw by a drop rule: its windows are rebuilt from the input store
        boolean storeRaw = !"node_load1".equals(series.metricName());
        return new SeriesRoute(storeRaw, List.of(new MappingTarget("1m", AggregationType.LAST, series),
                new MappingTarget("5m", AggregationType.MAX, series)), rollups);
    }

    private record Stores(InMemoryStorage raw, InMemoryStorage input, InMemoryStorage oneMinute, InMemoryStorage fiveMinutes) {
        Stores() {
            this(new InMemoryStorage(), new InMemoryStorage(), new InMemoryStorage(), new InMemoryStorage());
        }

        DownsamplingStorage open() {
            return new DownsamplingStorage(raw, input, new AggregationSetup(1, Map.of(
                    "1m", Namespaces.aggregated("1m", MINUTE, 30_000, oneMinute),
                    "5m", Namespaces.aggregated("5m", 5 * MINUTE, MINUTE, fiveMinutes)), WindowRecoveryTest::route, false),
                    InstantSource.system(), false);
        }
    }

    private void ingest(DownsamplingStorage store, long from, long to) {
        for (long t = from; t < to; t += SCRAPE) {
            Appender a = store.appender();
            for (int s = 0; s < data.seriesCount(); s++) {
                assertThat(a.append(0, data.labels(s), t, data.value(s, t))).isEqualTo(AppendStatus.OK);
            }
            a.commit();
        }
    }

    @Test
    void aRestartedAggregatorWritesExactlyWhatAnUninterruptedOneWrites() {
        long end = START + 3 * 3_600_000;
        long crash = START + 97 * MINUTE + 2 * SCRAPE; // mid-window for both resolutions
        Stores uninterrupted = new Stores();
        ingest(uninterrupted.open(), START, end);

        Stores crashed = new Stores();
        ingest(crashed.open(), START, crash); // abandoned without flushing its open windows
        DownsamplingStorage restarted = crashed.open();
        NewestSamples rawAndInput = visitor -> {
            Namespaces.newest(crashed.raw()).forEach(visitor);
            Namespaces.newest(crashed.input()).forEach(visitor);
        };
        assertThat(Namespaces.read(crashed.input()).keySet()).as("only the dropped series").isNotEmpty()
                .allMatch(l -> "node_load1".equals(l.metricName()));
        long replayed = WindowRecovery.run(restarted, rawAndInput, Map.of(
                "1m", Namespaces.newest(crashed.oneMinute()), "5m", Namespaces.newest(crashed.fiveMinutes())));
        assertThat(replayed).isPositive();
        ingest(restarted, crash, end);

        assertSameContent(crashed.oneMinute(), uninterrupted.oneMinute());
        assertSameContent(crashed.fiveMinutes(), uninterrupted.fiveMinutes());
        assertThat(restarted.metrics().windowsRejected(AppendStatus.DUPLICATE)).as("no window written twice").isZero();
        assertThat(restarted.metrics().windowsRejected(AppendStatus.OUT_OF_ORDER)).isZero();
    }

    private static void assertSameContent(InMemoryStorage actual, InMemoryStorage expected) {
        Map<Labels, List<double[]>> a = Namespaces.read(actual);
        Map<Labels, List<double[]>> e = Namespaces.read(expected);
        assertThat(a.keySet()).isEqualTo(e.keySet());
        for (Labels series : e.keySet()) {
            assertThat(a.get(series)).as(series.toString()).containsExactlyElementsOf(e.get(series));
        }
    }
}
