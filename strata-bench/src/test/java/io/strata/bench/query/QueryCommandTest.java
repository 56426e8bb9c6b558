package io.strata.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.bench.BenchMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class QueryCommandTest {
    private static final String TIME = "1748779200";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void agreeingTargetsGiveATableAndJsonLinesAndExitZero(@TempDir Path dir) throws Exception {
        try (FakePrometheus a = new FakePrometheus((path, p) -> FakePrometheus.series(path, 3));
                FakePrometheus b = new FakePrometheus((path, p) -> FakePrometheus.series(path, 3))) {
            Path json = dir.resolve("results/query.jsonl");
            int code = run("--target", "prom=" + a.url(), "--target", "vm=" + b.url(), "--target-param", "vm:nocache=1",
                    "--time", TIME, "--iterations", "2", "--warmup", "1", "--queries", "sum_rate_by_mode,count_all",
                    "--baseline", "prom", "--json", json.toString(), "--tag", "hosts=2");

            assertThat(code).as(stderr()).isZero();
            assertThat(stdout()).contains("all answers correct and non-empty")
                    .contains("prom p50").contains("vm p50").contains("/prom").contains("sum of medians");
            // 2 queries x 2 kinds, one warm-up and two measured runs each
            assertThat(a.requests()).hasSize(12);
            assertThat(b.requests()).hasSize(12);
            assertThat(b.requests()).allSatisfy(r -> assertThat(r.params()).containsEntry("nocache", "1"));
            assertThat(a.requests()).allSatisfy(r -> assertThat(r.params()).doesNotContainKey("nocache"));
            assertThat(a.requests()).filteredOn(r -> r.path().equals("/api/v1/query"))
                    .hasSize(6).allSatisfy(r -> assertThat(r.params()).containsEntry("time", TIME));
            assertThat(a.requests()).filteredOn(r -> r.path().equals("/api/v1/query_range"))
                    .hasSize(6).allSatisfy(r -> assertThat(r.params())
                            .containsEntry("start", "1748775600").containsEntry("end", TIME).containsEntry("step", "60"));
            assertThat(a.requests()).extracting(r -> r.params().get("query")).contains(
                    "sum by (mode) (rate(node_cpu_seconds_total[5m]))", "count({job=\"node\"})");

            List<String> lines = Files.readAllLines(json);
            assertThat(lines).hasSize(8);
            JsonNode first = new ObjectMapper().readTree(lines.getFirst());
            assertThat(first.get("target").asString()).isEqualTo("prom");
            assertThat(first.get("query").asString()).isEqualTo("sum_rate_by_mode");
            assertThat(first.get("kind").asString()).isEqualTo("instant");
            assertThat(first.get("series").asInt()).isEqualTo(3);
            assertThat(first.get("attempts").asInt()).isEqualTo(3);
            assertThat(first.get("errors").asInt()).isZero();
            assertThat(first.get("latencyMillis").get("count").asInt()).isEqualTo(2);
            assertThat(first.get("latencyMillis").get("p50").asDouble()).isPositive();
            assertThat(first.get("agree").asBoolean()).isTrue();
            assertThat(first.get("complete").asBoolean()).isTrue();
            assertThat(first.get("tags").get("hosts").asString()).isEqualTo("2");
            assertThat(first.get("time").asString()).isEqualTo("2025-06-01T12:00:00Z");
            JsonNode range = new ObjectMapper().readTree(lines.get(2));
            assertThat(range.get("kind").asString()).isEqualTo("range");
            assertThat(range.get("points").asLong()).isEqualTo(9);

            run("--target", "prom=" + a.url(), "--time", TIME, "--iterations", "1", "--warmup", "0",
                    "--queries", "count_all", "--kinds", "instant", "--json", json.toString());
            assertThat(Files.readAllLines(json)).as("a second run appends").hasSize(9);
        }
    }

    @Test
    void aTargetReturningFewerSeriesIsAMismatchAndFailsTheRun(@TempDir Path dir) throws Exception {
        try (FakePrometheus a = new FakePrometheus((path, p) -> FakePrometheus.series(path, 8));
                FakePrometheus b = new FakePrometheus((path, p) -> FakePrometheus.series(path,
                        p.get("query").startsWith("count") && path.endsWith("/query") ? 7 : 8))) {
            Path json = dir.resolve("q.jsonl");
            int code = run("--target", "prom=" + a.url(), "--target", "fast=" + b.url(), "--time", TIME,
                    "--iterations", "2", "--warmup", "0", "--queries", "count_all,topk_network", "--json", json.toString());

            assertThat(code).isEqualTo(1);
            assertThat(stdout()).contains("MISMATCH count_all instant: targets return different numbers of series: prom=8 fast=7")
                    .doesNotContain("MISMATCH count_all range").doesNotContain("MISMATCH topk_network");
            assertThat(Files.readAllLines(json)).filteredOn(l -> l.contains("\"agree\":false"))
                    .hasSize(2).allSatisfy(l -> assertThat(l).contains("\"query\":\"count_all\"", "\"kind\":\"instant\""));
        }
    }

    @Test
    void topkOverARangeMayKeepOtherSeriesWhenThePointsAgree() throws Exception {
        // Over the range, prom keeps 2 series of 3 points and vm 3 series of 2 points: 6 points each.
        try (FakePrometheus a = new FakePrometheus((path, p) -> path.endsWith("query_range") ? FakePrometheus.matrix(2, 3) : FakePrometheus.vector(2));
                FakePrometheus b = new FakePrometheus((path, p) -> path.endsWith("query_range") ? FakePrometheus.matrix(3, 2) : FakePrometheus.vector(2))) {
            int code = run("--target", "prom=" + a.url(), "--target", "vm=" + b.url(), "--time", TIME,
                    "--iterations", "1", "--warmup", "0", "--queries", "topk_network,max_load_1h");

            assertThat(code).isEqualTo(1);
            assertThat(stdout())
                    .contains("MISMATCH max_load_1h range: targets return different numbers of series: prom=2 vm=3")
                    .doesNotContain("MISMATCH topk_network")
                    .doesNotContain("MISMATCH max_load_1h instant");
            assertThat(stdout().lines().filter(l -> l.startsWith("topk_network") && l.contains("range")))
                    .singleElement().asString().containsSubsequence("range", "2-3");
        }
    }

    @Test
    void errorsAndEmptyAnswersFailTheRunAndNameTheFirstError() throws Exception {
        try (FakePrometheus good = new FakePrometheus((path, p) -> FakePrometheus.series(path, 1));
                FakePrometheus bad = new FakePrometheus((path, p) -> path.endsWith("query_range")
                        ? new FakePrometheus.Answer(422, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"boom\"}")
                        : FakePrometheus.series(path, 0))) {
            int code = run("--target", "good=" + good.url(), "--target", "bad=" + bad.url(), "--time", TIME,
                    "--iterations", "2", "--warmup", "1", "--queries", "max_load_1h");

            assertThat(code).isEqualTo(1);
            assertThat(stdout())
                    .contains("ERROR max_load_1h instant on bad: 3 of 3 requests failed; first: empty result")
                    .contains("ERROR max_load_1h range on bad: 3 of 3 requests failed; first: HTTP 422, status=error, errorType=execution: boom")
                    .doesNotContain("on good")
                    .doesNotContain("MISMATCH");
        }
    }

    @Test
    void aTargetThatRefusesConnectionsIsReportedAsNoAnswer() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        int code = run("--target", "gone=http://127.0.0.1:" + closedPort, "--time", TIME, "--iterations", "1", "--warmup", "0",
                "--queries", "count_all", "--kinds", "instant", "--timeout", "5s");
        assertThat(code).isEqualTo(1);
        assertThat(stdout()).contains("ERROR count_all instant on gone: 1 of 1 requests failed; first: no answer: java.net.ConnectException");
    }

    @Test
    void waitsUntilEveryTargetMeetsTheAwaitConditionsBeforeMeasuring() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        try (FakePrometheus a = new FakePrometheus((path, p) -> p.get("query").equals("count(up)")
                ? FakePrometheus.value(polls.incrementAndGet() < 2 ? "5" : "1e1")
                : FakePrometheus.series(path, 2))) {
            int code = run("--target", "prom=" + a.url(), "--time", TIME, "--iterations", "1", "--warmup", "0",
                    "--queries", "count_all", "--await", "count(up)=10", "--await-timeout", "1m");

            assertThat(code).as(stderr()).isZero();
            assertThat(stderr()).contains("waiting for prom: count(up) = 10 (value 5)").contains("prom: count(up) = 10 holds");
            List<String> queries = new ArrayList<>(a.requests().stream().map(r -> r.params().get("query")).toList());
            assertThat(queries).containsExactly("count(up)", "count(up)", "count({job=\"node\"})", "count({job=\"node\"})");
        }
    }

    @Test
    void aConditionWhoseQueryFailsStopsTheRunBeforeMeasuring() throws Exception {
        try (FakePrometheus a = new FakePrometheus((path, p) -> p.get("query").startsWith("sum(count_over_time")
                ? new FakePrometheus.Answer(422, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"duplicate labelset\"}")
                : FakePrometheus.series(path, 2))) {
            int code = run("--target", "prom=" + a.url(), "--time", TIME, "--queries", "count_all",
                    "--await", "sum(count_over_time({job=\"node\"}[2h]))=960", "--await-timeout", "10m");

            assertThat(code).isEqualTo(1);
            assertThat(stdout()).contains("NOT READY prom: sum(count_over_time({job=\"node\"}[2h])) = 960 cannot be met: "
                    + "HTTP 422, status=error, errorType=execution: duplicate labelset");
            assertThat(a.requests()).hasSize(1);
        }
    }

    @Test
    void aConditionNotMetInTimeStopsTheRun() throws Exception {
        try (FakePrometheus a = new FakePrometheus((path, p) -> FakePrometheus.value("3"))) {
            int code = run("--target", "prom=" + a.url(), "--time", TIME, "--await", "count(up)=4", "--await-timeout", "0s");
            assertThat(code).isEqualTo(1);
            assertThat(stdout()).contains("NOT READY prom: count(up) = 4 not met in time: value 3 (--await-timeout 0s)");
            assertThat(a.requests()).hasSize(1);
        }
    }

    @Test
    void maxDurationBoundsTheRun() throws Exception {
        try (FakePrometheus a = new FakePrometheus((path, p) -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakePrometheus.series(path, 1);
        })) {
            int code = run("--target", "prom=" + a.url(), "--time", TIME, "--iterations", "1000", "--warmup", "0", "--max-duration", "1ms");
            assertThat(code).isEqualTo(1);
            assertThat(stdout()).contains("INCOMPLETE --max-duration 1ms reached");
            assertThat(a.requests().size()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void defaultTimeIsNowRoundedDownToTheStep() {
        QueryCommand cmd = new QueryCommand().withClock(InstantSource.fixed(Instant.parse("2025-06-01T12:34:56.789Z")));
        new CommandLine(cmd).parseArgs("--target", "p=http://127.0.0.1:9090", "--step", "5m");
        QueryConfig c = cmd.config();
        assertThat(c.window().time()).isEqualTo(Instant.parse("2025-06-01T12:30:00Z"));
        assertThat(c.window().step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.kinds()).containsExactly(QueryKind.INSTANT, QueryKind.RANGE);
        assertThat(c.queries()).isEqualTo(QuerySuite.STANDARD);
        assertThat(c.targets().getFirst().extraParams()).isEqualTo(Map.of());
        assertThat(c.plannedRequests()).isEqualTo(12L * 16);
    }

    @Test
    void badFlagsExitTwoNamingTheFlagAndValue() {
        assertBad("--target-param names no --target [value=vm:nocache=1", "--target", "p=http://h:1", "--target-param", "vm:nocache=1");
        assertBad("--target-param must be NAME:KEY=VALUE", "--target", "p=http://h:1", "--target-param", "p=1");
        assertBad("--kinds takes instant and range [value=both]", "--target", "p=http://h:1", "--kinds", "both");
        assertBad("--iterations must be between 1 and 10000 [value=0]", "--target", "p=http://h:1", "--iterations", "0");
        assertBad("--target names must be unique [name=p]", "--target", "p=http://h:1", "--target", "p=http://h:2");
        assertBad("--baseline must name a --target [value=q", "--target", "p=http://h:1", "--baseline", "q");
        assertBad("unknown query nope", "--target", "p=http://h:1", "--queries", "nope");
        assertBad("--time must be RFC 3339", "--target", "p=http://h:1", "--time", "noon");
        assertBad("--await must be EXPR=NUMBER", "--target", "p=http://h:1", "--await", "up");
        assertBad("Missing required option: '--target=NAME=URL'");
    }

    private void assertBad(String message, String... args) {
        ByteArrayOutputStream usage = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setErr(new PrintWriter(usage, true, StandardCharsets.UTF_8));
        String[] all = new String[args.length + 1];
        all[0] = "query";
        System.arraycopy(args, 0, all, 1, args.length);
        assertThat(cli.execute(all)).as(String.join(" ", args)).isEqualTo(2);
        assertThat(usage.toString(StandardCharsets.UTF_8)).contains(message).contains("Usage:");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        QueryCommand cmd = new QueryCommand().withOutput(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(cmd).execute(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
