package io.strata.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotEmpty;
import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void sortsPairsByNameAndReadsThemBack() {
        Labels l = Labels.of("job", "node", "__name__", "up", "instance", "a:9100");
        assertThat(l.names()).containsExactly("__name__", "instance", "job");
        assertThat(l.get("job")).isEqualTo("node");
        assertThat(l.get("missing")).isNull();
        assertThat(l.metricName()).isEqualTo("up");
        assertThat(l.size()).isEqualTo(3);
        assertThat(l).hasToString("up{instance=\"a:9100\", job=\"node\"}");
    }

    @Test
    void dropsEmptyValuesAsPrometheusDoes() {
        assertThat(Labels.of("a", "", "b", "1")).isEqualTo(Labels.of("b", "1"));
    }

    @Test
    void escapesValuesInTextForm() {
        assertThat(Labels.of("a", "x\"y\\z\n").toString()).isEqualTo("{a=\"x\\\"y\\\\z\\n\"}");
    }

    @Test
    void builderSetAndRemoveEditInPlace() {
        LabelsBuilder b = new LabelsBuilder().add("a", "1").add("b", "2");
        b.set("a", "3").remove("b").set("c", "4");
        assertThat(b.build()).isEqualTo(Labels.of("a", "3", "c", "4"));
        assertThat(b.reset().add("z", "1").add("y", "2").isStrictlySorted()).isFalse();
        assertThat(new LabelsBuilder().add("a", "1").add("a", "2").hasDuplicateNames()).isTrue();
    }

    @Test
    void comparesPairByPairWithPrefixFirst() {
        List<Labels> sorted = new ArrayList<>(List.of(
                Labels.of("a", "2"), Labels.of("a", "1", "b", "1"), Labels.of("a", "1"), Labels.of("b", "0")));
        sorted.sort(Comparator.naturalOrder());
        assertThat(sorted).containsExactly(
                Labels.of("a", "1"), Labels.of("a", "1", "b", "1"), Labels.of("a", "2"), Labels.of("b", "0"));
    }

    @Property
    void roundTripsAnyMap(@ForAll Map<@NotEmpty String, @NotEmpty String> map) {
        Labels l = Labels.fromMap(map);
        assertThat(l.toMap()).isEqualTo(new TreeMap<>(l.toMap()).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(l.toMap()).containsExactlyInAnyOrderEntriesOf(map);
        assertThat(Labels.wrapPackedUnchecked(l.packedBytes().clone())).isEqualTo(l).hasSameHashCodeAs(l);
    }
}
