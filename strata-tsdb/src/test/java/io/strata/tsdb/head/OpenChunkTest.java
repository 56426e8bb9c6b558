package io.strata.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.encoding.chunk.ChunkAppender;
import io.strata.encoding.chunk.Chunks;
import io.strata.storage.SampleCursor;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OpenChunkTest {

    @Property(tries = 300)
    void chunkDecodesToTheAppendedSamples(@ForAll("samples") List<long[]> samples) {
        OpenChunk chunk = null;
        List<long[]> appended = new ArrayList<>();
        for (long[] s : samples) {
            double v = Double.longBitsToDouble(s[1]);
            if (chunk == null) {
                chunk = new OpenChunk(s[0], v, Long.MAX_VALUE);
            } else if (!chunk.append(s[0], v, 10_000, 1 << 20)) {
                break;
            }
            appended.add(s);
        }
        byte[] bytes = chunk.toChunk();
        Chunks.verify(java.lang.foreign.MemorySegment.ofArray(bytes));
        SampleCursor c = Chunks.cursor(bytes, null);
        for (long[] s : appended) {
            assertThat(c.next()).isEqualTo(SampleCursor.FLOAT);
            assertThat(c.timestamp()).isEqualTo(s[0]);
            assertThat(Double.doubleToRawLongBits(c.value())).isEqualTo(s[1]);
        }
        assertThat(c.next()).isEqualTo(SampleCursor.NONE);
    }

    @Test
    void producesTheSameBytesAsTheGeneralXorAppender() {
        OpenChunk chunk = new OpenChunk(1_000, 0.5, Long.MAX_VALUE);
        long t = 1_000;
        double v = 0.5;
        List<long[]> samples = new ArrayList<>();
        samples.add(new long[] {t, Double.doubleToRawLongBits(v)});
        for (int i = 0; i < 119; i++) {
            t += 10_000 + (i % 7 == 0 ? 3 : 0);
            v = i % 3 == 0 ? v + 1 : v * 1.0001;
            assertThat(chunk.append(t, v, 120, 4096)).isTrue();
            samples.add(new long[] {t, Double.doubleToRawLongBits(v)});
        }
        assertThat(chunk.append(t + 1, v, 120, 4096)).as("full at 120 samples").isFalse();
        assertThat(Chunks.numSamples(java.lang.foreign.MemorySegment.ofArray(chunk.toChunk()))).isEqualTo(120);
        // Re-encoded by the general appender, the samples read back identically.
        ChunkAppender general = new ChunkAppender();
        for (long[] s : samples) {
            general.append(s[0], Double.longBitsToDouble(s[1]));
        }
        SampleCursor a = Chunks.cursor(chunk.toChunk(), null);
        SampleCursor b = Chunks.cursor(general.finish(), null);
        while (a.next() == SampleCursor.FLOAT) {
            assertThat(b.next()).isEqualTo(SampleCursor.FLOAT);
            assertThat(a.timestamp()).isEqualTo(b.timestamp());
            assertThat(a.value()).isEqualTo(b.value());
        }
        assertThat(b.next()).isEqualTo(SampleCursor.NONE);
    }

    @Test
    void aViewKeepsShowingTheSamplesOfItsMomentWhileAppendsGoOn() {
        OpenChunk chunk = new OpenChunk(0, 1.5, Long.MAX_VALUE);
        for (int i = 1; i < 10; i++) {
            assertThat(chunk.append(i * 10_000L, 1.5 + i * 0.25, 1000, 1 << 20)).isTrue();
        }
        OpenChunk.OpenStream view = chunk.view();
        // Enough appends to fill the partial last byte and to grow the array several times.
        for (int i = 10; i < 500; i++) {
            assertThat(chunk.append(i * 10_000L, i % 3 == 0 ? Math.PI * i : 7 + i, 1000, 1 << 20)).isTrue();
        }
        SampleCursor c = view.cursor(null);
        for (int i = 0; i < 10; i++) {
            assertThat(c.next()).isEqualTo(SampleCursor.FLOAT);
            assertThat(c.timestamp()).isEqualTo(i * 10_000L);
            assertThat(c.value()).isEqualTo(1.5 + i * 0.25);
        }
        assertThat(c.next()).isEqualTo(SampleCursor.NONE);
    }

    @Test
    void closesEarlyWhenValuesDoNotCompress() {
        OpenChunk chunk = new OpenChunk(0, Math.random(), Long.MAX_VALUE);
        java.util.Random r = new java.util.Random(42);
        int n = 1;
        while (chunk.append(n * 1000L, r.nextDouble(), 120, 256)) {
            n++;
        }
        assertThat(n).isLessThan(120);
        assertThat(chunk.toChunk().length).isLessThanOrEqualTo(256);
    }

    @Test
    void refusesSamplesAtOrAfterItsEndTime() {
        OpenChunk chunk = new OpenChunk(0, 1, 7_200_000);
        assertThat(chunk.append(7_199_999, 1, 120, 1024)).isTrue();
        assertThat(chunk.append(7_200_000, 1, 120, 1024)).isFalse();
    }

    @Provide
    Arbitrary<List<long[]>> samples() {
        Arbitrary<Long> gaps = Arbitraries.oneOf(
                Arbitraries.just(10_000L), Arbitraries.longs().between(1, 100),
                Arbitraries.longs().between(1, Long.MAX_VALUE / 4096));
        Arbitrary<Long> bits = Arbitraries.oneOf(
                Arbitraries.longs(), Arbitraries.just(Double.doubleToRawLongBits(1.0)),
                Arbitraries.integers().between(0, 1000).map(i -> Double.doubleToRawLongBits(i)),
                Arbitraries.just(0x7ff0000000000002L),
                // decimal values at scales 0..7 (7 is beyond the decimal modes), near 2^53, and -0.0
                Combinators.combine(Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L),
                        Arbitraries.integers().between(0, 7))
                        .as((n, k) -> Double.doubleToRawLongBits(n / Math.pow(10, k))),
                Arbitraries.longs().between((1L << 53) - 5, (1L << 53) + 5).map(n -> Double.doubleToRawLongBits(n)),
                Arbitraries.just(Double.doubleToRawLongBits(-0.0)));
        return Combinators.combine(gaps, bits).as((g, b) -> new long[] {g, b}).list().ofMinSize(1).ofMaxSize(200)
                .map(list -> {
                    long t = -5_000_000_000L;
                    for (long[] s : list) {
                        t += s[0];
                        s[0] = t;
                    }
                    return list;
                });
    }
}
