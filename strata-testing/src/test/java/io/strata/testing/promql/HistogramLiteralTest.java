package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.StrataException;
import io.strata.promql.value.FloatHistogram;
import io.strata.promql.value.FloatHistogram.CounterResetHint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistogramLiteralTest {
    @Test
    void readsEveryKey() {
        SequenceValue v = HistogramLiteral.parse("schema:1 sum:-0.3 count:3 z_bucket:1 z_bucket_w:0.001 "
                + "buckets:[1 1] offset:-1 n_buckets:[2 Inf] n_offset:3 counter_reset_hint:gauge");
        FloatHistogram h = v.histogram();
        assertThat(h.schema()).isEqualTo(1);
        assertThat(h.sum()).isEqualTo(-0.3);
        assertThat(h.count()).isEqualTo(3);
        assertThat(h.zeroCount()).isEqualTo(1);
        assertThat(h.zeroThreshold()).isEqualTo(0.001);
        assertThat(h.positiveSpanOffsets()).containsExactly(-1);
        assertThat(h.positiveSpanLengths()).containsExactly(2);
        assertThat(h.positiveBuckets()).containsExactly(1, 1);
        assertThat(h.negativeSpanOffsets()).containsExactly(3);
        assertThat(h.negativeBuckets()).containsExactly(2, Double.POSITIVE_INFINITY);
        assertThat(h.counterResetHint()).isEqualTo(CounterResetHint.GAUGE);
        assertThat(v.counterResetHintSet()).isTrue();
    }

    @Test
    void everyKeyIsOptional() {
        SequenceValue v = HistogramLiteral.parse("");
        FloatHistogram h = v.histogram();
        assertThat(h.schema()).isZero();
        assertThat(h.count()).isZero();
        assertThat(h.zeroThreshold()).isZero();
        assertThat(h.positiveBuckets()).isEmpty();
        assertThat(h.positiveSpanLengths()).isEmpty();
        assertThat(h.counterResetHint()).isEqualTo(CounterResetHint.UNKNOWN);
        assertThat(v.counterResetHintSet()).isFalse();
    }

    @Test
    void readsCustomBuckets() {
        FloatHistogram h = HistogramLiteral.parse("schema:-53 sum:5 count:4 custom_values:[1 10] buckets:[1 2 1]")
                .histogram();
        assertThat(h.schema()).isEqualTo(-53);
        assertThat(h.customValues()).containsExactly(1, 10);
        assertThat(h.positiveBuckets()).containsExactly(1, 2, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sum:1 sum:2", "colour:1", "counter_reset_hint:sometimes", "buckets:[]", "buckets:1",
        "buckets:[1 2", "schema:1.5", "sum", "z_bucket_w:-1", "count:x"})
    void rejectsMalformedLiterals(String body) {
        assertThatThrownBy(() -> HistogramLiteral.parse(body)).isInstanceOf(StrataException.class);
    }
}
