package io.strata.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class HeadSymbolsTest {

    @Property(tries = 200)
    void labelsRoundTripAndMatch(@ForAll @Size(max = 6) Map<@StringLength(min = 1, max = 200) String,
            @StringLength(max = 300) String> map) {
        HeadSymbols symbols = new HeadSymbols();
        Labels labels = Labels.fromMap(map);
        int[] ids = symbols.intern(labels);
        assertThat(symbols.labels(ids)).isEqualTo(labels);
        assertThat(symbols.matches(ids, labels)).isTrue();
        assertThat(symbols.hash64(ids)).isEqualTo(labels.hash64());
        assertThat(symbols.matches(ids, labels.without(Labels.METRIC_NAME).equals(labels)
                ? Labels.of("extra", "x") : labels.without(Labels.METRIC_NAME))).isFalse();
    }

    @Test
    void sharedStringsAreStoredOnceAndFreedWithTheirLastUser() {
        HeadSymbols symbols = new HeadSymbols();
        int[] a = symbols.intern(Labels.of("__name__", "up", "job", "a"));
        int[] b = symbols.intern(Labels.of("__name__", "up", "job", "b"));
        assertThat(symbols.size()).isEqualTo(5); // __name__, up, job, a, b
        assertThat(a[0]).isEqualTo(b[0]);
        symbols.release(a);
        assertThat(symbols.size()).isEqualTo(4);
        assertThat(symbols.labels(b)).isEqualTo(Labels.of("__name__", "up", "job", "b"));
        int[] c = symbols.intern(Labels.of("zone", "eu"));
        assertThat(symbols.labels(c)).isEqualTo(Labels.of("zone", "eu"));
        assertThat(symbols.labels(b)).isEqualTo(Labels.of("__name__", "up", "job", "b"));
        assertThat(symbols.matches(b, Labels.of("__name__", "up", "job", "a"))).isFalse();
    }
}
