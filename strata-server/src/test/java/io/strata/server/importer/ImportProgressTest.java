package io.strata.server.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ImportProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void terminalRedrawsOneLineWithBarRateAndEta() {
        StringWriter err = new StringWriter();
        ImportProgress p = new ImportProgress(new PrintWriter(err), true, 10 * SECOND, 0);
        p.update(0.25, 1_000_000, 2_500, "node.om (2.0 MiB)", 2 * SECOND);
        p.update(0.30, 1_100_000, 2_500, "node.om (2.0 MiB)", 2 * SECOND + 1); // too soon: not drawn
        assertThat(err.toString()).isEqualTo("\r[#####...............] 25.0%  1.0M samples  2.5k series  500.0k samples/s  ETA 6s  node.om (2.0 MiB)");
        p.finish();
        assertThat(err.toString()).endsWith("\r");
    }

    @Test
    void elsewherePrintsAPlainLineNowAndThen() {
        StringWriter err = new StringWriter();
        ImportProgress p = new ImportProgress(new PrintWriter(err), false, 10 * SECOND, 0);
        p.update(0.5, 10, 1, "x.jsonl (1 B)", 5 * SECOND);
        p.update(0.5, 10, 1, "x.jsonl (1 B)", 10 * SECOND);
        p.update(0.5, 10, 1, "x.jsonl (1 B)", 15 * SECOND);
        assertThat(err.toString()).isEqualTo("import: 50.0%  10 samples  1 series  1 samples/s  ETA 10s  x.jsonl (1 B)\n");
    }

    @Test
    void durationsAndCountsAreShort() {
        assertThat(ImportProgress.duration(42)).isEqualTo("42s");
        assertThat(ImportProgress.duration(185)).isEqualTo("3m05s");
        assertThat(ImportProgress.duration(7800)).isEqualTo("2h10m");
        assertThat(ImportProgress.count(999)).isEqualTo("999");
        assertThat(ImportProgress.count(4_500_000)).isEqualTo("4.5M");
    }
}
