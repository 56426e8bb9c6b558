package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.promql.parse.PromqlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScriptReaderTest {
    private static final Labels A = Labels.of("__name__", "m", "job", "a");

    static Stream<Map<String, String>> seriesCases() {
        return Tsv.read(Corpus.read("series-cases.tsv"), "series-cases.tsv").stream();
    }

    @ParameterizedTest
    @MethodSource("seriesCases")
    void everySeriesCaseParsesAsUpstream(Map<String, String> row) {
        String input = row.get("input").strip();
        if (row.get("expected").equals("fail")) {
            assertThatThrownBy(() -> SeriesLine.parse(input)).isInstanceOf(StrataException.class);
            return;
        }
        SeriesLine line = SeriesLine.parse(input);
        assertThat(String.join(" ", line.values().stream().map(SequenceValue::toString).toList()))
                .isEqualTo(row.get("expanded_values"));
        String metric = input.substring(0, PromqlParser.parseMetricPrefix(input).end()).replace("\\u70ac", "\u70ac");
        assertThat(line.labels().toString()).isEqualTo(metric.contains("{") ? metric : metric + "{}");
    }

    @Test
    void readsLoadsClearsAndEvalsInOrder() {
        Script s = read("""
                # a comment
                load 1m
                    m{job="a"} 0+10x2
                    m{job="b"} 1 _ stale

                eval instant at 2m m
                    m{job="a"} 20

                clear
                load_with_nhcb 5m
                    x_bucket{le="1"} 1

                eval range from 0 to 4m step 1m sum(m)
                    expect no_warn
                    {} 1 2 3 _ 5
                """);
        assertThat(s.commands()).hasSize(5);
        LoadCommand load = (LoadCommand) s.commands().get(0);
        assertThat(load.line()).isEqualTo(2);
        assertThat(load.intervalMs()).isEqualTo(60_000);
        assertThat(load.withNhcb()).isFalse();
        assertThat(load.series()).extracting(LoadCommand.Series::labels)
                .containsExactly(A, Labels.of("__name__", "m", "job", "b"));
        assertThat(load.series().get(0).values()).extracting(SequenceValue::value).containsExactly(0.0, 10.0, 20.0);
        EvalCommand instant = (EvalCommand) s.commands().get(1);
        assertThat(instant.line()).isEqualTo(6);
        assertThat(instant.range()).isFalse();
        assertThat(instant.evalTimeMs()).isEqualTo(120_000);
        assertThat(instant.expectedSeries()).containsOnlyKeys(A);
        assertThat(s.commands().get(2)).isEqualTo(new ClearCommand(9));
        assertThat(((LoadCommand) s.commands().get(3)).withNhcb()).isTrue();
        EvalCommand range = (EvalCommand) s.commands().get(4);
        assertThat(range.range()).isTrue();
        assertThat(List.of(range.startMs(), range.endMs(), range.stepMs())).containsExactly(0L, 240_000L, 60_000L);
        assertThat(range.expectations(Expectation.Type.NO_WARN)).hasSize(1);
        assertThat(range.expectedSeries().get(Labels.EMPTY).values()).hasSize(5);
    }

    @Test
    void aLaterLineForTheSameSeriesReplacesTheEarlierOne() {
        LoadCommand load = (LoadCommand) read("""
                load 1m
                    m{job="a"} 1 2 3
                    m{job="b"} 4
                    m{job="a"} 7
                """).commands().getFirst();
        assertThat(load.series()).hasSize(2);
        assertThat(load.series().getFirst().values()).extracting(SequenceValue::value).containsExactly(7.0);
        assertThat(load.series().getFirst().line()).isEqualTo(4);
    }

    @Test
    void aCommentInsideABlockEndsIt() {
        assertThatThrownBy(() -> read("""
                load 1m
                    m{job="a"} 1
                    # the block ends here, so the next line is read as a command
                    m{job="b"} 2
                """)).isInstanceOf(ScriptFormatException.class).hasMessage("t.test:4: invalid command \"m{job=\"b\"} 2\"");
    }

    @Test
    void evalBlocksKnowTheirExpectations() {
        Script s = read("""
                eval_fail instant at 0 label_replace(m, "a", "b", "c", "d")
                    expected_fail_message  vector cannot contain metrics with the same labelset

                eval instant at 1m m
                    expect fail msg:  "quoted" stays quoted
                    expect warn regex: mix.*floats
                    expect info

                eval instant at 50m ("Foo")
                    expect string `Foo`

                eval instant at 0 2 * 21
                    expect no_warn
                    42

                eval instant at 1m m[1m]
                    expect range vector from 10s to 1m step 10s
                    m{job="a"} 2 3 4 5 6
                """);
        List<EvalCommand> evals = s.evals();
        assertThat(evals.get(0).suffixes().fail()).isTrue();
        assertThat(evals.get(0).expectsFailure()).isTrue();
        assertThat(evals.get(0).expectedFailMessage()).isEqualTo("vector cannot contain metrics with the same labelset");
        Expectation fail = evals.get(1).expectations(Expectation.Type.FAIL).getFirst();
        assertThat(fail.message()).isEqualTo("\"quoted\" stays quoted");
        assertThat(evals.get(1).expectations(Expectation.Type.WARN).getFirst().matches("a mix of histograms and floats"))
                .isTrue();
        assertThat(evals.get(1).expectations(Expectation.Type.INFO).getFirst().matches("anything")).isTrue();
        assertThat(evals.get(2).expectedString()).isEqualTo("Foo");
        assertThat(evals.get(2).excludedFromRangeMode()).isTrue();
        assertThat(evals.get(3).expectedScalar()).isEqualTo(42);
        EvalCommand rangeVector = evals.get(4);
        assertThat(rangeVector.rangeVectorExpected()).isTrue();
        assertThat(rangeVector.evalTimeMs()).isEqualTo(60_000);
        assertThat(List.of(rangeVector.startMs(), rangeVector.endMs(), rangeVector.stepMs()))
                .containsExactly(10_000L, 60_000L, 10_000L);
    }

    @Test
    void orderedPositionsSkipExpectLines() {
        EvalCommand cmd = read("""
                eval instant at 0 sort(m)
                    expect ordered
                    m{job="b"} 1
                    expect no_info
                    m{job="a"} 2
                """).evals().getFirst();
        assertThat(cmd.expectsOrder()).isTrue();
        assertThat(cmd.expectedSeries().values()).extracting(EvalCommand.ExpectedSeries::position).containsExactly(1, 2);
    }

    @Test
    void readsStartTimestampLines() {
        LoadCommand load = (LoadCommand) read("""
                load 1m
                    c{type="x"}@st  _ _ -30s-1mx2 1ms
                    c{type="x"} 1 2 3 4 5 6
                    d 1
                """).commands().getFirst();
        assertThat(load.series().get(0).startTimestampOffsets())
                .containsExactly(null, null, -30_000L, -90_000L, -150_000L, 1L);
        assertThat(load.series().get(1).startTimestampOffsets()).isNull();
    }

    @Test
    void readsHistogramValuesInLoadsAndResults() {
        Script s = read("""
                load 1m
                    h {{schema:0 sum:1 count:1 buckets:[1]}}+{{sum:2 count:2 buckets:[2]}}x3

                eval instant at 3m h
                    h {{schema:0 sum:7 count:7 buckets:[7] counter_reset_hint:not_reset}}
                """);
        assertThat(((LoadCommand) s.commands().getFirst()).series().getFirst().values()).hasSize(4);
        SequenceValue expected = s.evals().getFirst().expectedSeries().values().iterator().next().values().getFirst();
        assertThat(expected.histogram().count()).isEqualTo(7);
        assertThat(expected.counterResetHintSet()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "bogus|1|invalid command",
        "load|1|invalid load command",
        "load 5x|1|invalid step definition",
        "LOAD 5m|1|invalid load command",
        "eval instant foo|1|invalid evaluation command",
        "eval instant  foo|1|invalid timestamp definition",
        "eval instant at -5m foo|1|invalid timestamp definition",
        "eval range from 2m to 1m step 1m foo|1|is before start timestamp",
        "eval_ordered range from 0 to 1m step 1m foo|1|invalid evaluation command",
        "eval instant at 0 sum(|1|could not parse",
        "eval instant at 0 m\\n  expect foo|2|invalid expect statement",
        "eval instant at 0 m\\n  expect warn\\n  expect no_warn|3|warn and no_warn cannot be used together",
        "eval instant at 0 m\\n  expect info\\n  expect no_info|3|info and no_info cannot be used together",
        "eval instant at 0 m\\n  expect fail\\n  expect fail|3|multiple expect fail lines",
        "eval instant at 0 m\\n  expect warn regex: (|2|invalid regex",
        "eval instant at 0 m\\n  m 1 2|2|expecting multiple values in instant evaluation not allowed",
        "eval instant at 0 \"x\"\\n  expect string Foo|2|expected string literal not valid",
        "eval instant at 0 \"x\"\\n  expect string|2|a quoted string literal is required",
        "eval instant at 0 m[1m]\\n  expect range vector from 2m to 1m step 1m|2|is before start timestamp",
        "eval instant at 0 m[1m]\\n  expect range vector 1m|2|invalid range vector definition",
        "eval instant at 0 1\\n  1\\n  expect no_warn|3|invalid command",
        "load 1m\\n  m 1+1|2|invalid series",
        "load 1m\\n  m {a=\"b\"} 1|2|invalid series",
        "load 1m\\n  m{a=\"b\" 1|2|invalid series",
        "load 1m\\n  m@st 0\\n|2|@st line has no following sample line",
        "load 1m\\n  m@st 0\\n  n 1|2|@st metric does not match",
        "load 1m\\n  m@st 0 0\\n  m 1|2|@st line has 2 values but sample line has 1",
        "load 1m\\n  m@st 0\\n  m@st 0\\n  m 1|2|@st line has no following sample line",
        "load 1m\\n  m@st _x0\\n  m 1|2|invalid @st sequence",
        "load 1m\\n  m@st 1h30m\\n  m 1|2|invalid @st sequence",
    })
    void rejectsMalformedScriptsWithFileAndLine(String script, int line, String reason) {
        assertThatThrownBy(() -> read(script.replace("\\n", "\n")))
                .isInstanceOf(ScriptFormatException.class)
                .hasMessageStartingWith("t.test:" + line + ": ")
                .hasMessageContaining(reason);
    }

    @Test
    void countsTheEvalsOfAnUnreadableFile() {
        assertThat(ScriptReader.countEvalLines("load 1m\n  eval_x 1\neval instant at 0 (\nEVAL_fail range from 0")).isEqualTo(2);
        assertThat(ScriptReader.countEvalLines("eval instant at 0 1\n# eval range from 0 to 1 step 1 x\n"
                + "  eval_fail range from 0 to 1m step 1m x")).isEqualTo(2);
    }

    @Test
    void readsTheWholeCorpusWithEveryEvalOfTheIndex() throws IOException {
        Map<String, List<Integer>> indexed = new TreeMap<>();
        for (Map<String, String> row : Tsv.read(Corpus.read("eval-index.tsv"), "eval-index.tsv")) {
            indexed.computeIfAbsent(row.get("file"), f -> new ArrayList<>()).add(Integer.parseInt(row.get("line")));
        }
        Map<String, List<Integer>> read = new TreeMap<>();
        try (Stream<Path> files = Files.list(Corpus.SCRIPTS)) {
            for (Path f : files.sorted().toList()) {
                Script s = ScriptReader.read(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
                read.put(s.file(), s.evals().stream().map(EvalCommand::line).toList());
            }
        }
        assertThat(read).isEqualTo(indexed);
        assertThat(read.values().stream().mapToInt(List::size).sum()).isEqualTo(2214);
    }

    private static Script read(String text) {
        return ScriptReader.read("t.test", text);
    }
}
