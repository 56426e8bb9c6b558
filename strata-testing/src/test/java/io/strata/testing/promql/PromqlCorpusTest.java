package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.promql.parse.ExprPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole PromQL conformance corpus against Strata's engine, one test per file, with the
 * committed skip list and upstream's extra re-runs. Tagged {@code conformance} and excluded from
 * the default build until the engine passes it (see strata-testing/pom.xml to run it).
 */
@Tag("conformance")
class PromqlCorpusTest {
    static Stream<Path> corpusFiles() throws IOException {
        try (Stream<Path> files = Files.list(Corpus.SCRIPTS)) {
            return files.filter(f -> f.toString().endsWith(".test")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpusFiles")
    void everyEvalPassesOrIsOnTheSkipList(Path file) {
        SkipList skipList = SkipList.read(Corpus.DATA.resolve("skip-list.tsv"));
        FileReport report = new ScriptRunner(new EngineQueries(), ExprPrinter::print, skipList, true).run(file);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new TextReport(new PrintStream(text, true, StandardCharsets.UTF_8), false).print(List.of(report));
        assertThat(report.count(EvalReport.Status.FAILED))
                .as("failing evals of %s:%n%s", file.getFileName(), text.toString(StandardCharsets.UTF_8))
                .isZero();
    }
}
