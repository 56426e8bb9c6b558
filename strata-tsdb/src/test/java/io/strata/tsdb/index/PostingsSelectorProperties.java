package io.strata.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/** {@link PostingsSelector} agrees with matching every series by brute force. */
class PostingsSelectorProperties {
    private static final List<String> NAMES = List.of("__name__", "a", "b", "job");
    private static final List<String> VALUES = List.of(
            "x", "y", "xy", "yx", "xx", "foo", "foobar", "é", "\uD83D\uDE00", "x.y", "x|y", "10.0.0.1:9100", "x..");
    private static final List<String> PATTERNS = List.of(
            "", "x", "x|y", "xy|foo|nope", "x.*", "fo.*", ".*x", ".*", ".+", "(x|y)+", "x?y?", "[a-z]+", ".*o.*", "é|y",
            "x\\.y", "fo[o]b.r", "x\\..*y", "f.+r", "x\\.y|xy", "10\\.0\\..*", "x\\.*", "x\\..*", "\\d+", "x\\|y", "|x", "x|", "\\x78");

    @Property(tries = 300)
    void selectsTheSameSeriesAsBruteForce(
            @ForAll("labelSets") List<Map<String, String>> series, @ForAll("matcherLists") List<Matcher> matchers) {
        MemoryLabelIndex index = new MemoryLabelIndex();
        List<Labels> labels = new ArrayList<>();
        for (Map<String, String> m : series) {
            Labels l = Labels.fromMap(m);
            index.add(l, labels.size());
            labels.add(l);
        }
        List<Integer> expected = new ArrayList<>();
        for (int id = 0; id < labels.size(); id++) {
            if (matchesAll(labels.get(id), matchers)) {
                expected.add(id);
            }
        }
        boolean anyNonEmpty = matchers.stream().anyMatch(m -> !m.matchesEmpty());
        assertThat(ids(PostingsSelector.selectFromAll(index, matchers))).isEqualTo(expected);
        if (anyNonEmpty) {
            assertThat(ids(PostingsSelector.select(index, matchers))).isEqualTo(expected);
        } else {
            assertThatThrownBy(() -> PostingsSelector.select(index, matchers))
                    .isInstanceOf(StrataException.class)
                    .hasMessageContaining("at least one matcher must not match the empty string")
                    .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.BAD_DATA));
        }
    }

    static boolean matchesAll(Labels labels, List<Matcher> matchers) {
        for (Matcher m : matchers) {
            String v = labels.get(m.name());
            if (!m.matches(v == null ? "" : v)) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> ids(ImmutableRoaringBitmap bitmap) {
        List<Integer> out = new ArrayList<>();
        bitmap.forEach((int i) -> out.add(i));
        return out;
    }

    @Provide
    Arbitrary<List<Map<String, String>>> labelSets() {
        Arbitrary<Map<String, String>> one = Arbitraries.maps(Arbitraries.of(NAMES), Arbitraries.of(VALUES))
                .ofMinSize(1)
                .ofMaxSize(NAMES.size());
        return one.list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Matcher>> matcherLists() {
        Arbitrary<Matcher> matcher = Combinators.combine(
                        Arbitraries.of(MatchType.class),
                        Arbitraries.of(NAMES.get(1), NAMES.get(2), NAMES.get(0), "absent"),
                        Arbitraries.oneOf(Arbitraries.of(VALUES), Arbitraries.of(PATTERNS)))
                .as(Matcher::of);
        return matcher.list().ofMinSize(0).ofMaxSize(4);
    }
}
