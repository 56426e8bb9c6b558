package io.strata.aggregator.stream;

import static io.strata.aggregator.stream.Namespaces.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.aggregator.rules.AggregationType;
import io.strata.aggregator.rules.MappingTarget;
import io.strata.aggregator.rules.RollupKind;
import io.strata.aggregator.rules.RollupTarget;
import io.strata.aggregator.rules.SeriesRoute;
import io.strata.model.Labels;
import io.strata.promql.Promql;
import io.strata.promql.engine.Engine;
import io.strata.promql.engine.EngineOptions;
import io.strata.promql.engine.QueryOptions;
import io.strata.promql.value.InstantVector;
import io.strata.promql.value.Sample;
import io.strata.storage.Appender;
import io.strata.storage.Queryable;
import io.strata.testing.InMemoryStorage;
import io.strata.testing.generate.NodeExporterDataset;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The accuracy targets: PromQL over the 1m namespace agrees with PromQL over the raw
 * samples within 1%, for {@code sum(rate(node_cpu_seconds_total[10m]))} (mapping, reset-adjusted
 * counters) and for a counter rollup against the equivalent {@code sum by}.
 */
class DownsamplingAccuracyTest {
    private static final long START = 1_700_000_000_000L;
    private static final long HOURS = 3;
    private static final long SCRAPE = 15_000;

    private final NodeExporterDataset data = new NodeExporterDataset(4, 11);
    private final InMemoryStorage raw = new InMemoryStorage();
    private final InMemoryStorage oneMinute = new InMemoryStorage();
    private final AggregatedNamespace ns = Namespaces.aggregated("1m", MINUTE, MINUTE, oneMinute);
    private final Engine engine = Promql.engine(EngineOptions.DEFAULT);

    private SeriesRoute route(Labels series) {
        List<RollupTarget> rollups = List.of();
        if ("node_cpu_seconds_total".equals(series.metricName())) {
            rollups = List.of(new RollupTarget("1m", "cpu-by-mode",
                    Labels.of("__name__", "node_cpu_seconds_by_mode_total", "mode", series.get("mode")),
                    RollupKind.COUNTER, AggregationType.SUM));
        }
        return new SeriesRoute(true, List.of(new MappingTarget("1m", AggregationType.LAST, series)), rollups);
    }

    private void ingest() {
        DownsamplingStorage store = new DownsamplingStorage(raw, new InMemoryStorage(),
                new AggregationSetup(1, Map.of("1m", ns), this::route, false), InstantSource.system(), false);
        for (long t = START; t < START + HOURS * 3_600_000; t += SCRAPE) {
            Appender a = store.appender();
            for (int s = 0; s < data.seriesCount(); s++) {
                a.append(0, data.labels(s), t, data.value(s, t));
            }
            a.commit();
        }
    }

    private Map<Labels, Double> instant(Queryable q, String query, long t) {
        InstantVector v = (InstantVector) engine.instantQuery(q, query, t, QueryOptions.DEFAULT).execute().value();
        Map<Labels, Double> out = new HashMap<>();
        for (Sample s : v.samples()) {
            out.put(s.labels(), s.value());
        }
        return out;
    }

    @Test
    void rateOverTheOneMinuteNamespaceIsWithinOnePercentOfRaw() {
        ingest();
        int compared = 0;
        for (long t = START + 30 * MINUTE; t < START + HOURS * 3_600_000 - 5 * MINUTE; t += 7 * MINUTE) {
            double rawRate = instant(raw, "sum(rate(node_cpu_seconds_total[10m]))", t).get(Labels.EMPTY);
            double downsampled = instant(oneMinute, "sum(rate(node_cpu_seconds_total[10m]))", t).get(Labels.EMPTY);
            assertThat(downsampled).as("at %d", t).isCloseTo(rawRate, org.assertj.core.data.Percentage.withPercentage(1));
            compared++;
        }
        assertThat(compared).isGreaterThan(20);
    }

    @Test
    void counterRollupAgreesWithSumByWithinOnePercent() {
        ingest();
        int compared = 0;
        for (long t = START + 30 * MINUTE; t < START + HOURS * 3_600_000 - 5 * MINUTE; t += 7 * MINUTE) {
            Map<Labels, Double> expected = instant(raw, "sum by (mode) (rate(node_cpu_seconds_total[10m]))", t);
            Map<Labels, Double> rolled = instant(oneMinute, "sum by (mode) (rate(node_cpu_seconds_by_mode_total[10m]))", t);
            assertThat(rolled.keySet()).isEqualTo(expected.keySet()).hasSize(8);
            for (Map.Entry<Labels, Double> e : expected.entrySet()) {
                assertThat(rolled.get(e.getKey())).as("%s at %d", e.getKey(), t)
                        .isCloseTo(e.getValue(), org.assertj.core.data.Percentage.withPercentage(1));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void gaugeLastValuesAreTheRawSampleEachWindowEndsWith() {
        ingest();
        Map<Labels, List<double[]>> agg = Namespaces.read(oneMinute);
        Labels load = null;
        for (int s = 0; s < data.seriesCount(); s++) {
            if ("node_load1".equals(data.metricName(s))) {
                load = data.labels(s);
                for (double[] sample : agg.get(load)) {
                    long t = (long) sample[0];
                    assertThat((t - START) % SCRAPE).as("stamped with a scrape's time").isZero();
                    assertThat(sample[1]).isEqualTo(data.value(s, t));
                }
            }
        }
        assertThat(load).isNotNull();
    }
}
