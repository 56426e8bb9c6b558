package io.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.Matcher;
import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.AggregateOp;
import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.BinaryOp;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.DurationExpr;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.ast.StringLiteral;
import io.strata.promql.ast.SubqueryExpr;
import io.strata.promql.ast.UnaryExpr;
import io.strata.promql.ast.ValueType;
import io.strata.promql.ast.VectorMatching;
import io.strata.promql.ast.VectorSelector;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trees the parser builds: values, units, precedence, and what type checking fills in. */
class ParserSemanticsTest {
    private static Expr parse(String q) {
        return PromqlParser.parse(q, ParserOptions.ALL);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "1 | 1", "0xc | 12", "0755 | 493", "-0755 | -493", "08 | 8", "1_000 | 1000", ".5 | 0.5", "5. | 5",
        "5e-3 | 0.005", "+5.5e-3 | 0.0055", "1e3 | 1000", "-1^2 | -1", "2^3^2 | 512"})
    void numberLiterals(String q, double value) {
        Expr e = parse(q);
        if (e instanceof BinaryExpr || e instanceof UnaryExpr) {
            return; // precedence cases are checked structurally below
        }
        assertThat(((NumberLiteral) e).value()).isEqualTo(value);
    }

    @Test
    void infAndNanInAnyCase() {
        assertThat(((NumberLiteral) parse("inF")).value()).isInfinite();
        assertThat(((NumberLiteral) parse("-Inf")).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(((NumberLiteral) parse("nAN")).value()).isNaN();
    }

    @Test
    void durationUsedAsNumberIsSecondsAndRemembered() {
        NumberLiteral nl = (NumberLiteral) parse("1h30m");
        assertThat(nl.value()).isEqualTo(5400);
        assertThat(nl.duration()).isTrue();
        assertThat(((NumberLiteral) parse("-250ms")).value()).isEqualTo(-0.25);
    }

    @Test
    void unaryMinusBindsLooserThanPowerAndTighterThanMultiplication() {
        UnaryExpr pow = (UnaryExpr) parse("-1^2");
        assertThat(pow.op()).isEqualTo(BinaryOp.SUB);
        assertThat(((BinaryExpr) pow.expr()).op()).isEqualTo(BinaryOp.POW);
        BinaryExpr mul = (BinaryExpr) parse("-1*2");
        assertThat(mul.op()).isEqualTo(BinaryOp.MUL);
        assertThat(((NumberLiteral) mul.lhs()).value()).isEqualTo(-1);
    }

    @Test
    void operatorPrecedenceAndAssociativity() {
        BinaryExpr or = (BinaryExpr) parse("a or b and c unless d");
        assertThat(or.op()).isEqualTo(BinaryOp.OR);
        assertThat(((BinaryExpr) or.rhs()).op()).isEqualTo(BinaryOp.UNLESS);
        BinaryExpr sub = (BinaryExpr) parse("a - b - c");
        assertThat(((BinaryExpr) sub.lhs()).op()).isEqualTo(BinaryOp.SUB);
        BinaryExpr pow = (BinaryExpr) parse("a ^ b ^ c");
        assertThat(pow.rhs()).isInstanceOf(BinaryExpr.class);
        // The trim operators share the comparisons' level: "+" binds tighter.
        BinaryExpr trim = (BinaryExpr) parse("h </ 1 + 2");
        assertThat(trim.op()).isEqualTo(BinaryOp.TRIM_UPPER);
        assertThat(((BinaryExpr) trim.rhs()).op()).isEqualTo(BinaryOp.ADD);
    }

    @Test
    void atTimestampsAreMillisecondsRoundedAsPrometheus() {
        assertThat(at("foo @ 1603774568")).isEqualTo(AtModifier.at(1603774568000L));
        assertThat(at("foo @ .3")).isEqualTo(AtModifier.at(300));
        assertThat(at("foo @ 3.3333")).isEqualTo(AtModifier.at(3333));
        // 3.3335 * 1000 is exactly 3333.5 in binary; Go's math.Round goes away from zero.
        assertThat(at("foo @ 3.3335")).isEqualTo(AtModifier.at(3334));
        assertThat(at("foo @ -0.0005")).isEqualTo(AtModifier.at(-1));
        assertThat(at("foo @ -3.3e1")).isEqualTo(AtModifier.at(-33000));
        assertThat(at("foo @ 0xA")).isEqualTo(AtModifier.at(10000));
        assertThat(at("foo @ 5m")).isEqualTo(AtModifier.at(300000));
        assertThat(at("foo @ start()")).isEqualTo(AtModifier.START);
        assertThat(at("foo @ end()")).isEqualTo(AtModifier.END);
    }

    private static AtModifier at(String q) {
        return ((VectorSelector) parse(q)).at();
    }

    @Test
    void rangesAndOffsetsAreMilliseconds() {
        MatrixSelector m = (MatrixSelector) parse("foo[4.018] offset -7m");
        assertThat(m.rangeMs()).isEqualTo(4018);
        assertThat(m.rangeExpr()).isNull();
        assertThat(m.selector().offsetMs()).isEqualTo(-420_000);
        assertThat(((MatrixSelector) parse("foo[1m30ms]")).rangeMs()).isEqualTo(60_030);
        assertThat(((MatrixSelector) parse("foo[5]")).rangeMs()).isEqualTo(5000);
        assertThat(((VectorSelector) parse("foo offset 50")).offsetMs()).isEqualTo(50_000);
        assertThat(((VectorSelector) parse("foo offset (5)")).offsetMs()).isEqualTo(5_000);
    }

    @Test
    void durationExpressionsStayExpressions() {
        MatrixSelector m = (MatrixSelector) parse("foo[step() * 2]");
        assertThat(m.rangeMs()).isZero();
        DurationExpr de = (DurationExpr) m.rangeExpr();
        assertThat(de.op()).isEqualTo(DurationExpr.Op.MUL);
        assertThat(((DurationExpr) de.lhs()).op()).isEqualTo(DurationExpr.Op.STEP);
        assertThat(((NumberLiteral) de.rhs()).value()).isEqualTo(2);

        VectorSelector vs = (VectorSelector) parse("foo offset -(1h % 25m)");
        DurationExpr neg = (DurationExpr) vs.offsetExpr();
        assertThat(neg.op()).isEqualTo(DurationExpr.Op.NEG);
        assertThat(((DurationExpr) neg.rhs()).wrapped()).isTrue();
        assertThat(((DurationExpr) neg.rhs()).op()).isEqualTo(DurationExpr.Op.MOD);

        DurationExpr minOf = (DurationExpr) ((MatrixSelector) parse("foo[min_of(step(), 5m)]")).rangeExpr();
        assertThat(minOf.op()).isEqualTo(DurationExpr.Op.MIN_OF);
        assertThat(((NumberLiteral) minOf.rhs()).value()).isEqualTo(300);
    }

    @Test
    void offsetBindsOnlyALiteralBeforeAnOperator() {
        BinaryExpr b = (BinaryExpr) parse("foo offset 5m + 1m");
        assertThat(((VectorSelector) b.lhs()).offsetMs()).isEqualTo(300_000);
        BinaryExpr pow = (BinaryExpr) parse("foo offset -2^2");
        assertThat(pow.op()).isEqualTo(BinaryOp.POW);
        assertThat(((VectorSelector) pow.lhs()).offsetMs()).isEqualTo(-2000);
    }

    @Test
    void subqueryWithoutStepLeavesTheStepToTheEngine() {
        SubqueryExpr s = (SubqueryExpr) parse("rate(foo[1m])[1h:]");
        assertThat(s.rangeMs()).isEqualTo(3_600_000);
        assertThat(s.stepMs()).isZero();
        assertThat(s.stepExpr()).isNull();
        SubqueryExpr withStep = (SubqueryExpr) parse("foo[10m:6s] offset 1m @ 123");
        assertThat(withStep.stepMs()).isEqualTo(6000);
        assertThat(withStep.offsetMs()).isEqualTo(60_000);
        assertThat(withStep.at()).isEqualTo(AtModifier.at(123_000));
    }

    @Test
    void setOperatorsMatchManyToManyAndScalarSidesHaveNoMatching() {
        assertThat(((BinaryExpr) parse("foo and on(a) bar")).matching().cardinality())
                .isEqualTo(VectorMatching.Cardinality.MANY_TO_MANY);
        assertThat(((BinaryExpr) parse("foo * on(a) group_left(b) bar")).matching())
                .isEqualTo(new VectorMatching(VectorMatching.Cardinality.MANY_TO_ONE, List.of("a"), true, List.of("b"),
                        null, null));
        assertThat(((BinaryExpr) parse("foo + 1")).matching()).isNull();
        BinaryExpr scalars = (BinaryExpr) parse("1 < bool 2");
        assertThat(scalars.type()).isEqualTo(ValueType.SCALAR);
        assertThat(scalars.returnBool()).isTrue();
    }

    @Test
    void fillValuesAreCarriedOnTheMatching() {
        VectorMatching m = ((BinaryExpr) parse("a + fill_right(-1) b")).matching();
        assertThat(m.fillLeft()).isNull();
        assertThat(m.fillRight()).isEqualTo(-1.0);
    }

    @Test
    void aggregationsWithGroupingOnEitherSide() {
        AggregateExpr a = (AggregateExpr) parse("count_values(\"v\", foo) without (a, \"b.c\")");
        assertThat(a.op()).isEqualTo(AggregateOp.COUNT_VALUES);
        assertThat(a.without()).isTrue();
        assertThat(a.grouping()).containsExactly("a", "b.c");
        assertThat(((StringLiteral) a.param()).value()).isEqualTo("v");
        AggregateExpr upper = (AggregateExpr) parse("SUM BY (x) (foo)");
        assertThat(upper.op()).isEqualTo(AggregateOp.SUM);
        assertThat(upper.grouping()).containsExactly("x");
        assertThat(upper.position()).isEqualTo(new PositionRange(0, 16));
    }

    @Test
    void aggregationKeywordsAreMetricNamesWhereNoAggregationCanFollow() {
        BinaryExpr b = (BinaryExpr) parse("foo * sum");
        assertThat(((VectorSelector) b.rhs()).name()).isEqualTo("sum");
        assertThat(((VectorSelector) parse("offset{step=\"1s\"}")).name()).isEqualTo("offset");
    }

    @Test
    void selectorsCarryNameAndMatchers() {
        VectorSelector vs = (VectorSelector) parse("{\"foo\", a=\"bc\"}");
        assertThat(vs.name()).isNull();
        assertThat(vs.matchers()).containsExactly(Matcher.metricName("foo"), Matcher.equal("a", "bc"));
        VectorSelector named = (VectorSelector) parse("foo:bar{a=~\"x|y\"}");
        assertThat(named.name()).isEqualTo("foo:bar");
        assertThat(named.matchers()).containsExactly(Matcher.regex("a", "x|y"), Matcher.metricName("foo:bar"));
        assertThat(named.position()).isEqualTo(new PositionRange(0, 17));
    }

    @Test
    void stringsUnquoteGoEscapes() {
        assertThat(((StringLiteral) parse("\"a\\tb\\u00e9\\U0001F600\\\"\"")).value()).isEqualTo("a\tb\u00e9\uD83D\uDE00\"");
        assertThat(((StringLiteral) parse("'it\\'s'")).value()).isEqualTo("it's");
        assertThat(((StringLiteral) parse("`\\n`")).value()).isEqualTo("\\n");
        assertThat(((StringLiteral) parse("\"\\101\\x42\"")).value()).isEqualTo("AB");
    }

    @Test
    void callsAreTypeChecked() {
        Call c = (Call) parse("label_join(foo, \"dst\", \",\", \"a\", \"b\", \"c\")");
        assertThat(c.args()).hasSize(6);
        assertThatThrownBy(() -> parse("label_join(foo, \"dst\")"))
                .hasMessage("1:1: parse error: expected at least 3 argument(s) in call to \"label_join\", got 2");
        assertThatThrownBy(() -> parse("round(foo, \"x\")"))
                .hasMessage("1:12: parse error: expected type scalar in call to function \"round\", got string");
    }

    @Test
    void commentsAreIgnoredAndErrorsGiveLineAndColumn() {
        assertThat(ExprPrinter.print(parse("# leading\nsum( # inside\n  foo) # trailing"))).isEqualTo("sum(foo)");
        assertThatThrownBy(() -> parse("foo +\n  * bar"))
                .isInstanceOf(ParseException.class)
                .hasMessage("2:3: parse error: unexpected <op:*>");
    }

    @Test
    void syntaxErrorsInsideAnAggregationReportItAndTheMissingArguments() {
        assertThatThrownBy(() -> parse("sum(foo bar)"))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.errors()).extracting(ParseError::message)
                        .containsExactly("unexpected identifier \"bar\" in aggregation",
                                "no arguments for aggregate expression provided"));
    }

    @Test
    void labelMatchingRecoversLikePrometheusAndReportsTheNextError() {
        assertThatThrownBy(() -> parse("{a=b, c=d}"))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.errors()).extracting(ParseError::message)
                        .containsExactly("unexpected identifier \"b\" in label matching, expected string",
                                "unexpected identifier \"d\" in label matching, expected string"));
    }

    @Test
    void invalidUtf8InALabelNameForGroupingIsReported() {
        ParseException e = (ParseException) org.assertj.core.api.Assertions.catchThrowable(
                () -> PromqlParser.parse("sum by (\"a\\xff\") (foo)", ParserOptions.ALL));
        assertThat(e.errors()).extracting(ParseError::message)
                .containsExactly("invalid label name for grouping: \"a\\xff\"");
    }
}
