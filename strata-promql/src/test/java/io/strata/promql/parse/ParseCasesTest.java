package io.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.strata.promql.ast.Expr;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of Prometheus's parser test table ({@code testdata/promql/parse-cases.tsv}): the
 * input parses, or fails with exactly Prometheus's messages at Prometheus's byte positions.
 */
class ParseCasesTest {
    /** What Prometheus's parser tests enable: everything but the binop fill modifiers. */
    static final ParserOptions UPSTREAM_TEST_OPTIONS = new ParserOptions(true, true, true, false);

    static Stream<Arguments> cases() {
        return TsvFiles.rows("parse-cases.tsv").stream()
                .map(r -> Arguments.of(r.line(), r.fields().get(0), r.bytes(0), r.text(1), r.fields().get(2)));
    }

    @ParameterizedTest(name = "line {0}: {1}")
    @MethodSource("cases")
    void behavesAsPrometheus(int line, String shown, byte[] input, String expected, String positions) {
        if (expected.equals("ok")) {
            Expr e = PromqlParser.parseUtf8(input, UPSTREAM_TEST_OPTIONS);
            assertThat(e).as("parse of %s", shown).isNotNull();
            return;
        }
        ParseException ex = catchThrowableOfType(ParseException.class,
                () -> PromqlParser.parseUtf8(input, UPSTREAM_TEST_OPTIONS));
        assertThat(ex).as("%s must not parse", shown).isNotNull();
        String messages = ex.errors().stream().map(ParseError::message).collect(Collectors.joining(" | "));
        assertThat(messages).isEqualTo(expected);
        List<String> want = List.of(positions.split(" "));
        assertThat(ex.errors()).hasSize(want.size());
        for (int i = 0; i < want.size(); i++) {
            if (want.get(i).equals("?")) {
                continue; // the upstream table does not pin this error's position
            }
            ParseError err = ex.errors().get(i);
            assertThat(err.position().start() + "-" + err.position().end()).as("position of %s", err.message())
                    .isEqualTo(want.get(i));
        }
    }

    @Test
    void tableHasAllRows() {
        assertThat(TsvFiles.rows("parse-cases.tsv")).hasSize(355);
    }
}
