package io.strata.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectionCountersTest {
    @Test
    void listsEveryReasonInDeclarationOrderWithZeroCounts() {
        RejectionCounters counters = new RejectionCounters();
        counters.recordRejected(RejectionReason.OUT_OF_ORDER, 3);
        counters.recordRejected(RejectionReason.OUT_OF_ORDER, 2);
        Map<RejectionReason, Long> seen = new LinkedHashMap<>();

        counters.forEach(seen::put);

        assertThat(seen.keySet()).containsExactly(RejectionReason.values());
        assertThat(seen.get(RejectionReason.OUT_OF_ORDER)).isEqualTo(5);
        assertThat(seen.get(RejectionReason.TOO_OLD)).isZero();
    }

    @Test
    void labelsAreLowerCaseForMetrics() {
        assertThat(RejectionReason.NATIVE_HISTOGRAM_UNSUPPORTED.label()).isEqualTo("native_histogram_unsupported");
        assertThat(RejectionReason.MALFORMED_SNAPPY.scope()).isEqualTo(RejectionReason.Scope.REQUEST);
        assertThat(RejectionReason.OUT_OF_ORDER.scope()).isEqualTo(RejectionReason.Scope.SAMPLE);
    }
}
