package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.SampleValues;
import io.strata.model.StrataException;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import io.strata.testing.InMemoryStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptLoaderTest {
    private static final Labels M = Labels.of("__name__", "m");
    private final InMemoryStorage storage = InMemoryStorage.withOutOfOrderWindow(Duration.ZERO);

    @Test
    void storesFloatsAtMultiplesOfTheIntervalWithStaleMarkersBitExact() {
        ScriptLoader.Loaded loaded = ScriptLoader.load(storage, load(60_000, M, "1 _ 3 stale 5"));
        assertThat(loaded.floatSamples()).isEqualTo(4);
        assertThat(samples(M)).containsExactly("0=1.0", "120000=3.0", "180000=stale", "240000=5.0");
    }

    @Test
    void leavesHistogramSamplesOutAndCountsThem() {
        ScriptLoader.Loaded loaded = ScriptLoader.load(storage, load(60_000, M, "1 {{count:1}}x2 4"));
        assertThat(loaded).isEqualTo(new ScriptLoader.Loaded(2, 3));
        assertThat(samples(M)).containsExactly("0=1.0", "240000=4.0");
    }

    @Test
    void aLaterLoadMayOnlyAddNewerSamples() {
        ScriptLoader.load(storage, load(60_000, M, "1 2"));
        ScriptLoader.load(storage, load(60_000, M, "_ _ 3"));
        assertThat(samples(M)).containsExactly("0=1.0", "60000=2.0", "120000=3.0");
        assertThatThrownBy(() -> ScriptLoader.load(storage, load(30_000, M, "_ 7")))
                .isInstanceOf(StrataException.class).hasMessageContaining("OUT_OF_ORDER");
        assertThatThrownBy(() -> ScriptLoader.load(storage, load(60_000, M, "_ _ 4")))
                .isInstanceOf(StrataException.class).hasMessageContaining("DUPLICATE");
    }

    @Test
    void aRejectedLoadStoresNothing() {
        Labels other = Labels.of("__name__", "other");
        ScriptLoader.load(storage, load(60_000, M, "_ 2"));
        LoadCommand bad = new LoadCommand(1, 60_000, false, List.of(
                new LoadCommand.Series(2, other, SeriesValues.expand("1"), null),
                new LoadCommand.Series(3, M, SeriesValues.expand("1"), null)));
        assertThatThrownBy(() -> ScriptLoader.load(storage, bad)).hasMessageContaining("line 3");
        assertThat(samples(other)).isEmpty();
    }

    @Test
    void refusesASeriesWithoutLabels() {
        assertThatThrownBy(() -> ScriptLoader.load(storage, load(60_000, Labels.EMPTY, "1")))
                .isInstanceOf(StrataException.class).hasMessageContaining("at least one label");
    }

    @Test
    void countsTheNativeHistogramsOfLoadWithNhcb() {
        LoadCommand load = new LoadCommand(1, 300_000, true, List.of(
                series(Labels.of("__name__", "req_bucket", "le", "0.5"), "0+1x2"),
                series(Labels.of("__name__", "req_bucket", "le", "+Inf"), "0+3x2"),
                series(Labels.of("__name__", "req_count"), "0+3x2")));
        assertThat(ScriptLoader.load(storage, load).histogramSamplesLeftOut()).isEqualTo(3);
        assertThat(samples(Labels.of("__name__", "req_count"))).hasSize(3);
    }

    private static LoadCommand load(long interval, Labels labels, String values) {
        return new LoadCommand(1, interval, false, List.of(series(labels, values)));
    }

    private static LoadCommand.Series series(Labels labels, String values) {
        return new LoadCommand.Series(2, labels, SeriesValues.expand(values), null);
    }

    private List<String> samples(Labels labels) {
        List<String> out = new ArrayList<>();
        List<Matcher> matchers = new ArrayList<>();
        labels.forEach((n, v) -> matchers.add(Matcher.equal(n, v)));
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, SelectHints.range(Long.MIN_VALUE, Long.MAX_VALUE), matchers);
            while (set.next()) {
                SampleCursor c = set.at().cursor(null);
                while (c.next() != SampleCursor.NONE) {
                    out.add(c.timestamp() + "=" + (SampleValues.isStaleNaN(c.value()) ? "stale" : c.value()));
                }
            }
        }
        return out;
    }
}
