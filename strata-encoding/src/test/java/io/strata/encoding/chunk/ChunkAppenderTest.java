package io.strata.encoding.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.SampleValues;
import io.strata.storage.SampleCursor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkAppenderTest {
    record Sample(long timestamp, long bits) {}

    static List<Sample> drain(SampleCursor cursor) {
        List<Sample> out = new ArrayList<>();
        while (cursor.next() == SampleCursor.FLOAT) {
            out.add(new Sample(cursor.timestamp(), Double.doubleToRawLongBits(cursor.value())));
        }
        assertThat(cursor.next()).isEqualTo(SampleCursor.NONE);
        return out;
    }

    @Test
    void roundTripsSpecialValuesBitExactly() {
        double[] values = {1.5, SampleValues.STALE_NAN, Double.NaN, -0.0, 0.0,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 42, 42};
        ChunkAppender appender = new ChunkAppender();
        List<Sample> expected = new ArrayList<>();
        long t = -5_000;
        for (double v : values) {
            assertThat(appender.append(t, v)).isTrue();
            expected.add(new Sample(t, Double.doubleToRawLongBits(v)));
            t += 10_000 + (t % 7);
        }
        byte[] chunk = appender.finish();

        assertThat(drain(Chunks.cursor(chunk, null))).isEqualTo(expected);
        assertThat(drain(appender.cursor(null))).isEqualTo(expected);
        MemorySegment segment = MemorySegment.ofArray(chunk);
        Chunks.verify(segment);
        assertThat(Chunks.numSamples(segment)).isEqualTo(values.length);
        assertThat(Chunks.minTime(segment)).isEqualTo(-5_000);
        assertThat(Chunks.maxTime(segment)).isEqualTo(expected.getLast().timestamp());
        assertThat(Chunks.length(segment)).isEqualTo(chunk.length);
        assertThat(appender.sizeInBytes()).isGreaterThanOrEqualTo(chunk.length);
    }

    @Test
    void rejectsTimestampNotAfterTheLastOne() {
        ChunkAppender appender = new ChunkAppender();
        appender.append(100, 1);
        assertThatThrownBy(() -> appender.append(100, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100");
        assertThat(appender.numSamples()).isEqualTo(1);
    }

    @Test
    void encodeRejectsTimestampsOutOfOrder() {
        assertThatThrownBy(() -> Chunks.encode(new long[] {5, 5}, new double[] {1, 2}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestamp 5 at index 1");
        assertThatThrownBy(() -> Chunks.encode(new long[] {5}, new double[] {1}, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsFullAtTheSampleLimit() {
        ChunkAppender appender = new ChunkAppender(3, 4096);
        assertThat(appender.append(1, 1)).isTrue();
        assertThat(appender.append(2, 1)).isTrue();
        assertThat(appender.append(3, 1)).isTrue();
        assertThat(appender.append(4, 1)).isFalse();
        assertThat(appender.numSamples()).isEqualTo(3);
        assertThat(appender.maxTime()).isEqualTo(3);
    }

    @Test
    void emptyChunkHasNoSamples() {
        ChunkAppender appender = new ChunkAppender();
        byte[] chunk = appender.finish();
        Chunks.verify(MemorySegment.ofArray(chunk));
        assertThat(drain(Chunks.cursor(chunk, null))).isEmpty();
        assertThat(drain(appender.cursor(null))).isEmpty();
    }
}
