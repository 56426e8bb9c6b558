package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.Utf8Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The runner checks that matrices come sorted with {@link Labels#compareTo}; this verifies that
 * order is Prometheus's {@code labels.Compare}: pairs sorted by name, compared pair by pair, name
 * then value, byte-wise on UTF-8, and a label set that is a prefix of the other first.
 */
class LabelsOrderProperties {
    @Property(tries = 300)
    void labelsCompareLikePrometheus(@ForAll("labelSets") Map<String, String> a, @ForAll("labelSets") Map<String, String> b) {
        int expected = Integer.signum(prometheusCompare(a, b));
        assertThat(Integer.signum(labels(a).compareTo(labels(b)))).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Map<String, String>> labelSets() {
        // A tiny alphabet makes shared prefixes and equal names likely; the non-ASCII letters
        // (one outside the BMP, one above the surrogates) catch UTF-16 versus UTF-8 order mistakes.
        Arbitrary<String> names = text("a", "b", "é", "_");
        Arbitrary<String> values = text("x", "y", "é", "\uffe0", "\ud83d\ude00");
        return Arbitraries.maps(names, values).ofMaxSize(4);
    }

    private static Arbitrary<String> text(String... letters) {
        return Arbitraries.of(letters).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l));
    }

    private static Labels labels(Map<String, String> m) {
        LabelsBuilder b = new LabelsBuilder();
        m.forEach(b::add);
        return b.build();
    }

    /** Prometheus's definition, written from its documentation rather than from Strata's code. */
    private static int prometheusCompare(Map<String, String> a, Map<String, String> b) {
        List<Map.Entry<String, String>> x = sorted(a);
        List<Map.Entry<String, String>> y = sorted(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int byName = Utf8Order.INSTANCE.compare(x.get(i).getKey(), y.get(i).getKey());
            if (byName != 0) {
                return byName;
            }
            int byValue = Utf8Order.INSTANCE.compare(x.get(i).getValue(), y.get(i).getValue());
            if (byValue != 0) {
                return byValue;
            }
        }
        return x.size() - y.size();
    }

    private static List<Map.Entry<String, String>> sorted(Map<String, String> m) {
        TreeMap<String, String> t = new TreeMap<>(Utf8Order.INSTANCE);
        t.putAll(m);
        return new ArrayList<>(t.entrySet());
    }
}
