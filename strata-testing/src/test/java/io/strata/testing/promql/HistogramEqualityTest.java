package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.promql.value.FloatHistogram;
import org.junit.jupiter.api.Test;

class HistogramEqualityTest {
    @Test
    void emptyBucketsDoNotCount() {
        assertThat(equal("count:1 buckets:[0 1]", "count:1 buckets:[1] offset:1")).isTrue();
        assertThat(equal("count:1 buckets:[1 0 0 2]", "count:1 buckets:[1 0 0 2 0 0]")).isTrue();
        assertThat(equal("count:1 buckets:[1]", "count:1 buckets:[1] offset:1")).isFalse();
        assertThat(equal("n_buckets:[0 3]", "n_buckets:[3] n_offset:1")).isTrue();
    }

    @Test
    void countsAndSumsAreAlmostEqualButLayoutIsExact() {
        assertThat(equal("count:1 sum:1", "count:1.0000001 sum:0.9999999")).isTrue();
        assertThat(equal("count:1", "count:1.001")).isFalse();
        assertThat(equal("schema:0", "schema:1")).isFalse();
        assertThat(equal("z_bucket_w:0.001", "z_bucket_w:0.0010000001")).isFalse();
        assertThat(equal("z_bucket:2", "z_bucket:3")).isFalse();
        assertThat(equal("buckets:[1 2]", "buckets:[1 2.0000001]")).isTrue();
    }

    @Test
    void customBoundsMatterOnlyForCustomBuckets() {
        assertThat(equal("schema:-53 custom_values:[1 2] buckets:[1]", "schema:-53 custom_values:[1 2] buckets:[1]"))
                .isTrue();
        assertThat(equal("schema:-53 custom_values:[1 2]", "schema:-53 custom_values:[1 3]")).isFalse();
    }

    @Test
    void theHintIsComparedOnlyWhenTheExpectedLiteralSpellsItOut() {
        SequenceValue unsaid = HistogramLiteral.parse("count:1");
        SequenceValue said = HistogramLiteral.parse("count:1 counter_reset_hint:unknown");
        FloatHistogram gauge = HistogramLiteral.parse("count:1 counter_reset_hint:gauge").histogram();
        assertThat(HistogramEquality.equal(unsaid.histogram(), gauge, unsaid.counterResetHintSet())).isTrue();
        assertThat(HistogramEquality.equal(said.histogram(), gauge, said.counterResetHintSet())).isFalse();
    }

    private static boolean equal(String expected, String actual) {
        SequenceValue e = HistogramLiteral.parse(expected);
        return HistogramEquality.equal(e.histogram(), HistogramLiteral.parse(actual).histogram(),
                e.counterResetHintSet());
    }
}
