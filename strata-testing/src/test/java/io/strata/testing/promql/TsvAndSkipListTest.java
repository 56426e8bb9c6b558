package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.StrataException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TsvAndSkipListTest {
    @Test
    void unescapesFieldsAsFormatSection17Says() {
        List<Map<String, String>> rows = Tsv.read("a\tb\nx\\ty\\\\z\tl1\\nl2\\r\\xc3\\xa9\n", "t.tsv");
        assertThat(rows).containsExactly(Map.of("a", "x\ty\\z", "b", "l1\nl2\ré"));
        assertThat(Tsv.unescape(Tsv.escape("a\tb\\c\nd"), "t", 1)).isEqualTo("a\tb\\c\nd");
    }

    @Test
    void rejectsRowsWithTheWrongNumberOfFields() {
        assertThatThrownBy(() -> Tsv.read("a\tb\nonly\n", "t.tsv"))
                .isInstanceOf(StrataException.class).hasMessageContaining("t.tsv:2");
    }

    @Test
    void findsEntriesByFileNameAndLine() {
        SkipList list = SkipList.parse(SkipList.HEADER + "\nf.test\t12\t" + SkipList.NATIVE_HISTOGRAMS
                + "\nf.test\t3\t" + SkipList.START_TIMESTAMPS + "\n", "skip.tsv");
        assertThat(list.find("f.test", 12)).hasValueSatisfying(e -> assertThat(e.runnable()).isFalse());
        assertThat(list.find("f.test", 3)).hasValueSatisfying(e -> assertThat(e.runnable()).isTrue());
        assertThat(list.find("f.test", 4)).isEmpty();
        assertThat(list.find("g.test", 12)).isEmpty();
        assertThat(list.entriesOf("f.test")).extracting(SkipList.Entry::line).containsExactly(3, 12);
    }

    @Test
    void rejectsASkipListWithoutItsHeaderOrWithABadLine() {
        assertThatThrownBy(() -> SkipList.parse("f.test\t1\twhy\n", "skip.tsv"))
                .isInstanceOf(StrataException.class).hasMessageContaining("first row");
        assertThatThrownBy(() -> SkipList.parse(SkipList.HEADER + "\nf.test\tten\twhy\n", "skip.tsv"))
                .isInstanceOf(StrataException.class).hasMessageContaining("ten");
    }

    @Test
    void theCommittedSkipListIsWhatTheGeneratorWrites() {
        String generated = SkipListGenerator.generate(Corpus.read("eval-index.tsv"), "eval-index.tsv");
        assertThat(Corpus.read("skip-list.tsv")).isEqualTo(generated);
    }

    @Test
    void theGeneratorListsHistogramEvalsAndStartTimestampEvalsOnly() {
        String index = "file\tline\tnative_histogram\tother\n"
                + "a.test\t5\tyes\t\n"
                + "a.test\t9\tno\t\n"
                + SkipListGenerator.START_TIMESTAMPS_FILE + "\t7\tno\t\n"
                + SkipListGenerator.START_TIMESTAMPS_FILE + "\t8\tyes\t\n";
        SkipList list = SkipList.parse(SkipListGenerator.generate(index, "index"), "generated");
        assertThat(list.find("a.test", 5).orElseThrow().reason()).isEqualTo(SkipList.NATIVE_HISTOGRAMS);
        assertThat(list.find("a.test", 9)).isEmpty();
        assertThat(list.find(SkipListGenerator.START_TIMESTAMPS_FILE, 7).orElseThrow().reason())
                .isEqualTo(SkipList.START_TIMESTAMPS);
        assertThat(list.find(SkipListGenerator.START_TIMESTAMPS_FILE, 8).orElseThrow().reason())
                .isEqualTo(SkipList.NATIVE_HISTOGRAMS);
    }
}
