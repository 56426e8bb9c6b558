package io.strata.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.bench.BenchMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CompareCommandTest {
    @Test
    void unknownPeerIsABadFlagNamingTheValue() {
        Run r = run("--peers", "prometheus,influxdb");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--peers takes prometheus and victoriametrics").contains("value=influxdb");
    }

    @Test
    void zeroRunsIsABadFlag() {
        Run r = run("--runs", "0");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--runs must be between 1 and 20 [value=0]");
    }

    @Test
    void tooShortBackfillIsABadFlag() {
        Run r = run("--hours", "0.001");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--hours must be at least two sample intervals");
    }

    @Test
    void defaultsCompareWithBothPeersAndWriteBesideTheMarkdown() {
        CompareCommand c = parse("--out-md", "out/report.md");
        CompareConfig config = c.config();
        assertThat(config.servers()).containsExactly(ServerKind.STRATA, ServerKind.PROMETHEUS, ServerKind.VICTORIAMETRICS);
        assertThat(config.hosts()).isEqualTo(1000);
        assertThat(config.hours()).isEqualTo(1);
        assertThat(config.runs()).isEqualTo(3);
        assertThat(config.outJson()).isEqualTo(Path.of("out/report.json"));
        assertThat(config.chartsDir()).isEqualTo(Path.of("out/report"));
        assertThat(config.commandLine()).isEqualTo("./strata bench compare --out-md out/report.md");
        assertThat(config.port(ServerKind.VICTORIAMETRICS)).isEqualTo(18102);
    }

    @Test
    void commandLineOfTheReportIsTheCommandAsTypedUnderBenchMain() {
        CommandLine cl = new CommandLine(new BenchMain());
        cl.parseArgs("compare", "--hosts", "5", "--peers", "prometheus");
        CompareCommand c = cl.getSubcommands().get("compare").getCommand();
        assertThat(c.config().commandLine()).isEqualTo("./strata bench compare --hosts 5 --peers prometheus");
    }

    @Test
    void emptyPeersRunsStrataAlone() {
        assertThat(parse("--peers", "").config().servers()).containsExactly(ServerKind.STRATA);
    }

    @Test
    void roundsRotateTheServerOrderBetweenRuns() {
        List<ServerKind> all = List.of(ServerKind.STRATA, ServerKind.PROMETHEUS, ServerKind.VICTORIAMETRICS);
        assertThat(CompareRun.order(all, 1)).containsExactly(ServerKind.STRATA, ServerKind.PROMETHEUS, ServerKind.VICTORIAMETRICS);
        assertThat(CompareRun.order(all, 2)).containsExactly(ServerKind.PROMETHEUS, ServerKind.VICTORIAMETRICS, ServerKind.STRATA);
        assertThat(CompareRun.order(all, 4)).containsExactly(ServerKind.STRATA, ServerKind.PROMETHEUS, ServerKind.VICTORIAMETRICS);
    }

    @Test
    void prometheusVersionComesFromTheFirstLineOfItsVersionOutput() {
        assertThat(PrometheusServer.versionOf("prometheus, version 2.42.0+ds (branch: debian/sid, revision: 2.42.0+ds-5)\n  build user: x"))
                .isEqualTo("2.42.0+ds");
        assertThat(PrometheusServer.versionOf("")).isEqualTo("unknown");
    }

    private static CompareCommand parse(String... args) {
        CompareCommand c = new CompareCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    private record Run(int code, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new BenchMain());
        cl.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        String[] all = new String[args.length + 1];
        all[0] = "compare";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }
}
