package io.strata.aggregator.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.aggregator.policy.StoragePolicy;
import io.strata.model.Labels;
import io.strata.promql.Promql;
import io.strata.promql.ast.Expr;
import io.strata.promql.engine.Engine;
import io.strata.promql.engine.EngineOptions;
import io.strata.promql.engine.QueryOptions;
import io.strata.promql.parse.ParserOptions;
import io.strata.promql.parse.PromqlParser;
import io.strata.promql.value.InstantVector;
import io.strata.storage.Appender;
import io.strata.testing.InMemoryStorage;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceQueryPlannerTest {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long NOW = 1_700_000_000_000L - 1_700_000_000_000L % HOUR;

    private final InMemoryStorage raw = new InMemoryStorage();
    private final InMemoryStorage oneMinute = new InMemoryStorage();
    private final InMemoryStorage oneHour = new InMemoryStorage();
    private final NamespaceQueryPlanner planner = new NamespaceQueryPlanner(
            new NamespaceQueryPlanner.Namespace(spec("raw", StoragePolicy.raw(2 * DAY)), raw),
            List.of(new NamespaceQueryPlanner.Namespace(spec("1h", new StoragePolicy(HOUR, 365 * DAY)), oneHour),
                    new NamespaceQueryPlanner.Namespace(spec("1m", new StoragePolicy(MINUTE, 30 * DAY)), oneMinute)),
            InstantSource.fixed(Instant.ofEpochMilli(NOW)), 5 * MINUTE);

    private static NamespaceSpec spec(String name, StoragePolicy policy) {
        return new NamespaceSpec(name, policy, 2 * HOUR, 0, policy.isRaw() ? 0 : MINUTE);
    }

    private static Expr parse(String q) {
        return PromqlParser.parse(q, ParserOptions.DEFAULT);
    }

    @Test
    void picksRawWhileItsRetentionCoversTheQueryThenTheFinestAggregatedThatDoes() {
        assertThat(planner.plan(parse("rate(x[5m])"), NOW - DAY, 0, null).namespaces().get(0)).isEqualTo("raw");
        assertThat(planner.plan(parse("rate(x[5m])"), NOW - 2 * DAY, 0, null).namespaces().get(0))
                .as("the range reaches 5m behind raw's retention").isEqualTo("1m");
        assertThat(planner.plan(parse("x"), NOW - 20 * DAY, 0, null).namespaces().get(0)).isEqualTo("1m");
        assertThat(planner.plan(parse("x"), NOW - 40 * DAY, 0, null).namespaces().get(0)).isEqualTo("1h");
        assertThat(planner.plan(parse("x"), NOW - 3000 * DAY, 0, null).namespaces().get(0))
                .as("nothing covers it: the longest retention").isEqualTo("1h");
        assertThat(planner.plan(parse("x offset 3d"), NOW, 0, null).namespaces().get(0)).isEqualTo("1m");
    }

    @Test
    void widensShortRangesAndTheLookbackOnAnAggregatedNamespace() {
        NamespaceQueryPlanner.Plan plan = planner.plan(parse("sum(rate(x[1m])) / rate(y[10m])"), NOW - 20 * DAY, 0, null);
        assertThat(plan.expr().toString()).isEqualTo(parse("sum(rate(x[2m])) / rate(y[10m])").toString());
        assertThat(plan.lookbackMs()).isEqualTo(5 * MINUTE);
        assertThat(planner.plan(parse("x"), NOW - 40 * DAY, 0, null).lookbackMs()).isEqualTo(2 * HOUR);
        Expr unchanged = parse("rate(x[1m])");
        assertThat(planner.plan(unchanged, NOW - HOUR, 0, null).expr()).isSameAs(unchanged);
    }

    @Test
    void aPinnedNamespaceIsReadWhateverTheRange() {
        assertThat(planner.plan(parse("x"), NOW, 0, "1h").namespaces().get(0)).isEqualTo("1h");
        assertThat(planner.plan(parse("x"), NOW, 0, "1m:30d").namespaces().get(0)).isEqualTo("1m");
        assertThatThrownBy(() -> planner.plan(parse("x"), NOW, 0, "5m"))
                .hasMessage("unknown namespace \"5m\"; namespaces are raw, 1m, 1h");
    }

    @Test
    void readsRawAfterTheNewestWrittenWindowWithTheCounterOffset() {
        Labels c = Labels.of("__name__", "requests_total", "job", "a");
        Labels g = Labels.of("__name__", "temperature", "job", "a");
        // Written windows up to NOW - 3m; the counter's running offset is 1000 (a reset long ago).
        Appender agg = oneMinute.appender();
        for (long t = NOW - 30 * MINUTE; t <= NOW - 3 * MINUTE; t += MINUTE) {
            // a last window is stamped with the raw sample it took, 15 s before its end
            agg.append(0, c, t - 15_000, 1000 + (t - 15_000 - (NOW - 30 * MINUTE)) / 1000.0);
            agg.append(0, g, t - 15_000, 20);
        }
        agg.commit();
        Appender r = raw.appender();
        for (long t = NOW - 10 * MINUTE; t <= NOW; t += 15_000) {
            r.append(0, c, t, (t - (NOW - 30 * MINUTE)) / 1000.0);
            r.append(0, g, t, 21);
        }
        r.commit();
        Engine engine = Promql.engine(EngineOptions.DEFAULT);
        NamespaceQueryPlanner.Plan plan = planner.plan(parse("rate(requests_total[10m])"), NOW, 0, "1m");
        InstantVector rate = (InstantVector) engine.instantQuery(plan.queryable(), plan.expr(), "q", NOW,
                new QueryOptions(plan.lookbackMs(), 0, false)).execute().value();
        assertThat(rate.samples()).hasSize(1);
        try (var q = plan.queryable().querier(NOW - 10 * MINUTE, NOW)) {
            var set = q.select(true, io.strata.storage.SelectHints.range(NOW - 10 * MINUTE, NOW),
                    List.of(io.strata.model.Matcher.equal("__name__", "requests_total")));
            assertThat(set.next()).isTrue();
            var cursor = set.at().cursor(null);
            long previousTime = Long.MIN_VALUE;
            double previous = Double.NaN;
            int samples = 0;
            while (cursor.next() == io.strata.storage.SampleCursor.FLOAT) {
                if (previousTime != Long.MIN_VALUE) {
                    assertThat((cursor.value() - previous) / ((cursor.timestamp() - previousTime) / 1000.0))
                            .as("slope before %d: one per second on both sides of the seam, no jump", cursor.timestamp() - NOW)
                            .isEqualTo(1.0);
                }
                previousTime = cursor.timestamp();
                previous = cursor.value();
                samples++;
            }
            assertThat(samples).as("7 written windows, then the last raw sample of each later window").isEqualTo(11);
        }
        plan = planner.plan(parse("temperature"), NOW, 0, "1m");
        InstantVector latest = (InstantVector) engine.instantQuery(plan.queryable(), plan.expr(), "q", NOW,
                new QueryOptions(plan.lookbackMs(), 0, false)).execute().value();
        assertThat(latest.samples().get(0).value()).as("the newest value comes from raw").isEqualTo(21);
    }
}
