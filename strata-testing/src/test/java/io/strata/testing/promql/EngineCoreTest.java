package io.strata.testing.promql;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.SampleValues;
import io.strata.promql.Promql;
import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.AggregateOp;
import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.BinaryOp;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.Functions;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.ast.SubqueryExpr;
import io.strata.promql.ast.VectorMatching;
import io.strata.promql.ast.VectorSelector;
import io.strata.promql.engine.Engine;
import io.strata.promql.engine.EngineOptions;
import io.strata.promql.engine.QueryOptions;
import io.strata.promql.value.InstantVector;
import io.strata.promql.value.RangeMatrix;
import io.strata.promql.value.Sample;
import io.strata.promql.value.Value;
import io.strata.storage.Appender;
import io.strata.testing.InMemoryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine core on hand-built expressions (the parser and the conformance corpus test the rest):
 * lookback and staleness, left-open ranges, aggregation numerics, vector matching and subqueries.
 */
class EngineCoreTest {
    private static final PositionRange P = PositionRange.NONE;
    private final InMemoryStorage storage = new InMemoryStorage();
    private final Engine engine = Promql.engine(EngineOptions.CONFORMANCE);

    @BeforeEach
    void load() {
        Appender a = storage.appender();
        // http_requests{job, instance}: 0, 10, 20, ... every minute from t=0 to 10m.
        for (int i = 0; i <= 10; i++) {
            long t = i * 60_000L;
            a.append(0, Labels.of("__name__", "http_requests", "job", "api", "instance", "0"), t, i * 10);
            a.append(0, Labels.of("__name__", "http_requests", "job", "api", "instance", "1"), t, i * 20);
            a.append(0, Labels.of("__name__", "http_requests", "job", "db", "instance", "0"), t, i * 5);
        }
        a.append(0, Labels.of("__name__", "gauge", "job", "api"), 0, 1);
        a.append(0, Labels.of("__name__", "gauge", "job", "api"), 120_000, SampleValues.STALE_NAN);
        a.commit();
    }

    private static VectorSelector selector(String name) {
        return new VectorSelector(name, List.of(Matcher.metricName(name)), 0, null, AtModifier.NONE, false, false, P);
    }

    private Value instant(Expr e, long t) {
        return engine.instantQuery(storage, e, "q", t, QueryOptions.DEFAULT).execute().value();
    }

    private static Map<String, Double> values(Value v) {
        Map<String, Double> out = new TreeMap<>();
        for (Sample s : ((InstantVector) v).samples()) {
            out.put(s.labels().toString(), s.value());
        }
        return out;
    }

    @Test
    void lookbackSeesTheNewestSampleAndStopsAtAStaleMarker() {
        assertThat(values(instant(selector("gauge"), 60_000))).containsEntry("gauge{job=\"api\"}", 1.0);
        assertThat(values(instant(selector("gauge"), 120_000))).isEmpty();
        // Left-open lookback: a sample exactly 5m old is out.
        assertThat(values(instant(selector("http_requests"), 15 * 60_000))).isEmpty();
        assertThat(values(instant(selector("http_requests"), 15 * 60_000 - 1))).hasSize(3);
    }

    @Test
    void sumByKeepsOnlyTheGroupingLabels() {
        Expr sum = new AggregateExpr(AggregateOp.SUM, selector("http_requests"), null, List.of("job"), false, P);
        assertThat(values(instant(sum, 5 * 60_000))).containsExactlyInAnyOrderEntriesOf(
                Map.of("{job=\"api\"}", 150.0, "{job=\"db\"}", 25.0));
    }

    @Test
    void rateUsesLeftOpenWindowsAndExtrapolation() {
        Expr rate = new Call(Functions.lookup("rate"),
                List.of(new MatrixSelector(selector("http_requests"), 5 * 60_000, null, P)), P);
        Map<String, Double> v = values(instant(rate, 10 * 60_000));
        // Samples at 6m..10m (5m is excluded): increase 40 over 4m, extrapolated to 5m → 50 / 300 s.
        assertThat(v).containsEntry("{instance=\"0\", job=\"api\"}", 50.0 / 300);
    }

    @Test
    void oneToOneMatchingDropsTheNameAndRefusesDuplicates() {
        Expr ratio = new BinaryExpr(BinaryOp.DIV, selector("http_requests"), selector("http_requests"),
                VectorMatching.oneToOne(), false, P);
        assertThat(values(instant(ratio, 60_000))).containsOnlyKeys(
                "{instance=\"0\", job=\"api\"}", "{instance=\"1\", job=\"api\"}", "{instance=\"0\", job=\"db\"}");
        Expr onJob = new BinaryExpr(BinaryOp.ADD, selector("http_requests"), selector("gauge"),
                new VectorMatching(VectorMatching.Cardinality.ONE_TO_ONE, List.of("job"), true, List.of(), null, null),
                false, P);
        assertThatThrownBy(() -> instant(onJob, 60_000))
                .hasMessage("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
    }

    @Test
    void rangeQueryOfASubqueryAlignsItsStepsToZero() {
        Expr inner = new SubqueryExpr(selector("http_requests"), 3 * 60_000, null, 60_000, null, 0, null,
                AtModifier.NONE, P);
        Expr irate = new Call(Functions.lookup("irate"), List.of(inner), P);
        Expr sum = new AggregateExpr(AggregateOp.SUM, irate, null, List.of(), false, P);
        Value v = engine.rangeQuery(storage, sum, "q", 5 * 60_000, 7 * 60_000, 60_000, QueryOptions.DEFAULT)
                .execute().value();
        assertThat(((RangeMatrix) v).series()).hasSize(1);
        double[] points = ((RangeMatrix) v).series().getFirst().floatValues();
        assertThat(points).hasSize(3);
        for (double x : points) {
            assertThat(x).isCloseTo(35.0 / 60, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void scalarArithmeticFollowsGoMath() {
        Expr pow = new BinaryExpr(BinaryOp.POW, new NumberLiteral(1, false, P), new NumberLiteral(Double.NaN, false, P),
                null, false, P);
        assertThat(((io.strata.promql.value.Scalar) instant(pow, 0)).value()).isEqualTo(1.0);
    }
}
