package io.strata.bench.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AwaitConditionTest {
    @Test
    void splitsAtTheLastEqualsSoMatchersMayHoldSome() {
        AwaitCondition c = AwaitCondition.parse("count({job=\"node\", mode!=\"idle\"})=100000");
        assertThat(c.expr()).isEqualTo("count({job=\"node\", mode!=\"idle\"})");
        assertThat(c.expected()).isEqualTo(100_000);
        assertThat(c).hasToString("count({job=\"node\", mode!=\"idle\"}) = 100000");
    }

    @Test
    void comparesNumbersNotTheirSpelling() {
        AwaitCondition c = AwaitCondition.parse("sum(x)=48000000");
        assertThat(c.isMetBy("48000000")).isTrue();
        assertThat(c.isMetBy("4.8e+07")).isTrue();
        assertThat(c.isMetBy("47999999")).isFalse();
        assertThat(c.isMetBy("NaN")).isFalse();
        assertThat(c.isMetBy(null)).isFalse();
        assertThat(c.isMetBy("many")).isFalse();
    }

    @Test
    void rejectsTextWithoutExpressionOrNumber() {
        assertThatThrownBy(() -> AwaitCondition.parse("count(up)")).hasMessageContaining("--await must be EXPR=NUMBER");
        assertThatThrownBy(() -> AwaitCondition.parse("=5")).hasMessageContaining("[value==5]");
        assertThatThrownBy(() -> AwaitCondition.parse("up{job=\"node\"}")).hasMessageContaining("--await must be EXPR=NUMBER");
    }
}
