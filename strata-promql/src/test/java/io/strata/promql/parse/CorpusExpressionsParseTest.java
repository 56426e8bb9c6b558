package io.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every eval expression of the conformance corpus ({@code eval-index.tsv}) parses with all features on. */
class CorpusExpressionsParseTest {
    @Test
    void everyEvalExpressionParses() {
        List<String> header = TsvFiles.header("eval-index.tsv");
        int file = header.indexOf("file");
        int line = header.indexOf("line");
        int expr = header.indexOf("expr");
        List<TsvFiles.Row> rows = TsvFiles.rows("eval-index.tsv");
        List<String> failures = new ArrayList<>();
        for (TsvFiles.Row row : rows) {
            try {
                PromqlParser.parseUtf8(row.bytes(expr), ParserOptions.ALL);
            } catch (ParseException e) {
                failures.add(row.fields().get(file) + ":" + row.fields().get(line) + " " + row.text(expr) + " -> "
                        + e.getMessage());
            }
        }
        assertThat(rows).hasSize(2214);
        assertThat(failures).isEmpty();
    }
}
