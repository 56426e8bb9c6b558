package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.StrataException;
import io.strata.promql.value.FloatHistogram;
import io.strata.promql.value.FloatHistogram.CounterResetHint;
import org.junit.jupiter.api.Test;

class HistogramArithmeticTest {
    @Test
    void addsBucketsCountsAndSums() {
        FloatHistogram sum = HistogramArithmetic.add(
                h("schema:0 sum:4 count:4 buckets:[1 2 1]"), h("sum:2 count:1 buckets:[1] offset:1"));
        assertThat(ResultText.histogram(sum))
                .isEqualTo("{{schema:0 count:5 sum:6 buckets:[1 3 1] counter_reset_hint:unknown}}");
    }

    @Test
    void bringsAFinerIncrementDownToTheBaseSchema() {
        // Schema 0 buckets 1 and 2 both fall into schema -1 bucket 1: (1, 4].
        FloatHistogram sum = HistogramArithmetic.add(
                h("schema:-1 sum:4 count:1 buckets:[1] offset:1"), h("schema:0 sum:4 count:4 buckets:[2 2] offset:1"));
        assertThat(ResultText.histogram(sum))
                .isEqualTo("{{schema:-1 count:5 sum:8 buckets:[5] offset:1 counter_reset_hint:unknown}}");
    }

    @Test
    void refusesABaseFinerThanTheIncrement() {
        assertThatThrownBy(() -> HistogramArithmetic.add(h("schema:1"), h("schema:0")))
                .isInstanceOf(StrataException.class).hasMessageContaining("schema 1");
    }

    @Test
    void customBucketsMustHaveTheSameBounds() {
        FloatHistogram sum = HistogramArithmetic.add(
                h("schema:-53 sum:1 count:1 custom_values:[5 10] buckets:[1]"),
                h("schema:-53 sum:1 count:1 custom_values:[5 10] buckets:[0 1]"));
        assertThat(sum.positiveBuckets()).containsExactly(1, 1);
        assertThatThrownBy(() -> HistogramArithmetic.add(
                h("schema:-53 custom_values:[5 10] buckets:[1]"), h("schema:-53 custom_values:[5] buckets:[1]")))
                .isInstanceOf(StrataException.class).hasMessageContaining("custom bucket bounds");
        assertThatThrownBy(() -> HistogramArithmetic.add(h("schema:-53 custom_values:[5]"), h("schema:0")))
                .isInstanceOf(StrataException.class);
    }

    @Test
    void widensTheNarrowerZeroBucket() {
        // Bucket 0 of schema 0 is (0.5, 1]: inside a zero bucket of width 1, so it moves into the zero count.
        FloatHistogram sum = HistogramArithmetic.add(
                h("schema:0 count:3 buckets:[1 2]"), h("schema:0 count:2 z_bucket:2 z_bucket_w:1"));
        assertThat(sum.zeroThreshold()).isEqualTo(1);
        assertThat(sum.zeroCount()).isEqualTo(3);
        assertThat(ResultText.histogram(sum)).contains("buckets:[2] offset:1");
    }

    @Test
    void aPopulatedBucketCutByTheThresholdWidensItToTheBucketBound() {
        // A zero bucket of width 0.7 cuts (0.5, 1] of the base, which holds 1: the width becomes 1.
        FloatHistogram sum = HistogramArithmetic.add(
                h("schema:0 count:3 buckets:[1 2]"), h("schema:0 count:2 z_bucket:2 z_bucket_w:0.7"));
        assertThat(sum.zeroThreshold()).isEqualTo(1);
        assertThat(sum.zeroCount()).isEqualTo(3);
    }

    @Test
    void hintsCombineAsInPrometheus() {
        assertThat(hint("gauge", "unknown")).isEqualTo(CounterResetHint.GAUGE);
        assertThat(hint("unknown", "gauge")).isEqualTo(CounterResetHint.GAUGE);
        assertThat(hint("reset", "reset")).isEqualTo(CounterResetHint.COUNTER_RESET);
        assertThat(hint("reset", "not_reset")).isEqualTo(CounterResetHint.UNKNOWN);
        assertThat(hint("not_reset", "unknown")).isEqualTo(CounterResetHint.UNKNOWN);
    }

    @Test
    void subtractionKeepsTheBaseHint() {
        FloatHistogram d = HistogramArithmetic.subtract(
                h("count:5 buckets:[5] counter_reset_hint:not_reset"), h("count:2 buckets:[0 2] counter_reset_hint:gauge"));
        assertThat(d.counterResetHint()).isEqualTo(CounterResetHint.NOT_COUNTER_RESET);
        assertThat(ResultText.histogram(d)).isEqualTo(
                "{{schema:0 count:3 sum:0 buckets:[5 -2] counter_reset_hint:not_reset}}");
    }

    private static CounterResetHint hint(String base, String increment) {
        return HistogramArithmetic.add(h("counter_reset_hint:" + base), h("counter_reset_hint:" + increment))
                .counterResetHint();
    }

    private static FloatHistogram h(String body) {
        return HistogramLiteral.parse(body).histogram();
    }
}
