package io.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.promql.ast.Expr;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Printing is stable: for every expression the parser accepts in Prometheus's test table and in
 * the conformance corpus, parsing the printed form gives a tree that prints identically (and so
 * does the pretty form).
 */
class PrinterRoundTripTest {
    static Stream<Arguments> acceptedInputs() {
        Stream<Arguments> table = TsvFiles.rows("parse-cases.tsv").stream()
                .filter(r -> r.text(1).equals("ok"))
                .map(r -> Arguments.of("parse-cases.tsv:" + r.line(), r.bytes(0)));
        int exprColumn = TsvFiles.header("eval-index.tsv").indexOf("expr");
        Stream<Arguments> corpus = TsvFiles.rows("eval-index.tsv").stream()
                .map(r -> Arguments.of("eval-index.tsv:" + r.line(), r.bytes(exprColumn)));
        return Stream.concat(table, corpus);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedInputs")
    void printedFormParsesToTheSameTree(String where, byte[] input) {
        Expr parsed = PromqlParser.parseUtf8(input, ParserOptions.ALL);
        String printed = ExprPrinter.print(parsed);
        Expr reparsed = PromqlParser.parse(printed, ParserOptions.ALL);
        assertThat(ExprPrinter.print(reparsed)).as("reprint of %s", printed).isEqualTo(printed);

        String pretty = ExprPrinter.pretty(parsed);
        Expr fromPretty = PromqlParser.parse(pretty, ParserOptions.ALL);
        assertThat(ExprPrinter.print(fromPretty)).as("print of pretty form %s", pretty).isEqualTo(printed);
    }
}
