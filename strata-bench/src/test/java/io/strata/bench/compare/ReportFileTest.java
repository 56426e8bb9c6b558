package io.strata.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFileTest {
    private static final String B = ReportFile.BEGIN;
    private static final String E = ReportFile.END;

    @Test
    void firstRunInsertsTheMarkersAfterTheTitleAndKeepsTheRest() {
        String before = "# Benchmarks\n\nHand-written intro.\n\n## Ingest\n\nAnalysis.\n";
        assertThat(ReportFile.replaceSection(before, "generated table\n"))
                .isEqualTo("# Benchmarks\n\n" + B + "\ngenerated table\n" + E + "\n\nHand-written intro.\n\n## Ingest\n\nAnalysis.\n");
    }

    @Test
    void laterRunsReplaceOnlyWhatIsBetweenTheMarkers() {
        String before = "# Benchmarks\n\n" + B + "\nold numbers\n" + E + "\n\nHand-written analysis.\n";
        assertThat(ReportFile.replaceSection(before, "new numbers"))
                .isEqualTo("# Benchmarks\n\n" + B + "\nnew numbers\n" + E + "\n\nHand-written analysis.\n");
    }

    @Test
    void fileWithoutTitleGetsTheSectionAtTheTop() {
        assertThat(ReportFile.replaceSection("Some notes.\n", "x")).isEqualTo(B + "\nx\n" + E + "\n\nSome notes.\n");
    }

    @Test
    void refusesAFileWithOnlyOneMarker() {
        assertThatThrownBy(() -> ReportFile.replaceSection("# T\n" + B + "\nhalf\n", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only one of the markers");
    }

    @Test
    void writeCreatesAMissingFileWithATitle(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("docs/benchmarks.md");
        ReportFile.write(md, "table");
        assertThat(Files.readString(md)).isEqualTo("# Benchmarks\n\n" + B + "\ntable\n" + E + "\n\n");
        ReportFile.write(md, "table 2");
        assertThat(Files.readString(md)).isEqualTo("# Benchmarks\n\n" + B + "\ntable 2\n" + E + "\n\n");
    }
}
