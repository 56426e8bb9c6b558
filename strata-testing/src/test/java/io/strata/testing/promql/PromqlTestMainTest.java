package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromqlTestMainTest {
    private static final String PASSING = """
            load 1m
                m{job="a"} 0+10x5

            eval instant at 2m m
                m{job="a"} 20

            eval range from 0 to 2m step 1m m
                m{job="a"} 0 10 20
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void exitsZeroWhenNothingFailed() throws IOException {
        assertThat(run(script("ok.test", PASSING).toString())).isZero();
        assertThat(out()).endsWith("2 passed, 0 failed, 0 skipped\n");
    }

    @Test
    void exitsOneWhenAnEvalFailsAndNamesIt() throws IOException {
        Path bad = script("bad.test", PASSING.replace("m{job=\"a\"} 20", "m{job=\"a\"} 21"));
        assertThat(run(script("ok.test", PASSING).toString(), bad.toString())).isEqualTo(1);
        assertThat(out()).contains("FAIL bad.test:4: m").endsWith("3 passed, 1 failed, 0 skipped\n");
    }

    @Test
    void theSkipListOptionSkipsEvals() throws IOException {
        Path skip = Files.writeString(dir.resolve("skip.tsv"),
                SkipList.HEADER + "\nok.test\t7\t" + SkipList.NATIVE_HISTOGRAMS + "\n");
        assertThat(run("--skip-list", skip.toString(), "--verbose", script("ok.test", PASSING).toString())).isZero();
        assertThat(out()).contains("PASS ok.test:4: m", "SKIP ok.test:7: m (native histograms are not stored yet)")
                .endsWith("1 passed, 0 failed, 1 skipped\n");
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path ok = script("ok.test", PASSING);
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("no test files given", "usage: strata promqltest");
        assertThat(run("--frobnicate", ok.toString())).isEqualTo(2);
        assertThat(err()).contains("unknown option --frobnicate");
        assertThat(run(dir.resolve("missing.test").toString())).isEqualTo(2);
        assertThat(run("--skip-list", dir.resolve("missing.tsv").toString(), ok.toString())).isEqualTo(2);
        assertThat(run(ok.toString(), "--skip-list")).isEqualTo(2);
        assertThat(err()).contains("--skip-list needs a file");
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("--no-extra-runs");
    }

    private Path script(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private int run(String... args) {
        out.reset();
        return PromqlTestMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new EngineQueries());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
