package io.strata.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QueryAnswerParserTest {
    @Test
    void countsTheSeriesAndSamplesOfAVector() {
        QueryAnswer a = parse(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"mode":"idle"},"value":[1748779200,"3.5"]},
                  {"metric":{"mode":"user"},"value":[1748779200,"0.25"]}]}}""");
        assertThat(a.status()).isEqualTo("success");
        assertThat(a.resultType()).isEqualTo("vector");
        assertThat(a.series()).isEqualTo(2);
        assertThat(a.points()).isEqualTo(2);
        assertThat(a.firstValue()).isEqualTo("3.5");
        assertThat(a.problem(QueryKind.INSTANT)).isEmpty();
    }

    @Test
    void countsEveryPointOfAMatrixWhateverTheFieldOrder() {
        QueryAnswer a = parse(200, """
                {"data":{"result":[
                  {"values":[[1,"1"],[2,"2"],[3,"3"]],"metric":{"__name__":"up","a":"[1,2]"}},
                  {"metric":{},"values":[[1,"NaN"]]},
                  {"metric":{},"histograms":[[1,{"count":"2","sum":"1","buckets":[[0,"0","1","2"]]}]]}],
                  "resultType":"matrix"},"status":"success","warnings":["w1","w2"]}""");
        assertThat(a.resultType()).isEqualTo("matrix");
        assertThat(a.series()).isEqualTo(3);
        assertThat(a.points()).isEqualTo(5);
        assertThat(a.firstValue()).isEqualTo("1");
        assertThat(a.warnings()).isEqualTo(2);
        assertThat(a.problem(QueryKind.RANGE)).isEmpty();
    }

    @Test
    void aScalarIsOneSeriesOfOnePoint() {
        QueryAnswer a = parse(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1748779200.5,\"42\"]}}");
        assertThat(a.series()).isEqualTo(1);
        assertThat(a.points()).isEqualTo(1);
        assertThat(a.firstValue()).isEqualTo("42");
        assertThat(a.problem(QueryKind.INSTANT)).hasValue("resultType scalar where a instant query gives vector");
    }

    @Test
    void anEmptyResultIsAProblem() {
        QueryAnswer a = parse(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
        assertThat(a.series()).isZero();
        assertThat(a.problem(QueryKind.RANGE)).get().asString().startsWith("empty result");
    }

    @Test
    void anErrorAnswerCarriesItsTypeAndMessage() {
        QueryAnswer a = parse(422, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"vector cannot contain metrics with the same labelset\"}");
        assertThat(a.problem(QueryKind.INSTANT))
                .hasValue("HTTP 422, status=error, errorType=execution: vector cannot contain metrics with the same labelset");
    }

    @Test
    void aSuccessStatusUnderAnHttpErrorIsStillAnError() {
        QueryAnswer a = parse(503, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"1\"]}]}}");
        assertThat(a.problem(QueryKind.INSTANT)).hasValue("HTTP 503, status=success");
    }

    @Test
    void aBodyThatIsNotJsonIsReportedWithItsStart() {
        QueryAnswer a = parse(404, "404 page not found\n");
        assertThat(a.status()).isNull();
        assertThat(a.error()).isEqualTo("the body is not a JSON object: 404 page not found");
        assertThat(a.problem(QueryKind.INSTANT)).hasValue("HTTP 404: the body is not a JSON object: 404 page not found");
        assertThat(parse(502, "<html>bad gateway</html>").error()).startsWith("the body is not valid JSON (").endsWith("): <html>bad gateway</html>");
    }

    @Test
    void truncatedJsonIsReportedNotThrown() {
        QueryAnswer a = parse(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{}");
        assertThat(a.status()).isNull();
        assertThat(a.problem(QueryKind.INSTANT)).get().asString().contains("not valid JSON");
        assertThat(parse(200, "[1,2]").error()).startsWith("the body is not a JSON object");
        assertThat(parse(200, "").error()).startsWith("the body is not a JSON object");
    }

    @Test
    void aWrongResultTypeIsAProblem() {
        QueryAnswer a = parse(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"1\"]}]}}");
        assertThat(a.problem(QueryKind.RANGE)).hasValue("resultType vector where a range query gives matrix");
    }

    private static QueryAnswer parse(int status, String body) {
        QueryAnswer a = QueryAnswerParser.parse(status, body.getBytes(StandardCharsets.UTF_8));
        assertThat(a.bytes()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        return a;
    }
}
