package io.strata.encoding.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.SampleValues;
import io.strata.storage.SampleCursor;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One series per encoding choice of {@link ChunkFormat#PACKED_V1}, each checked to be chosen
 * and to round-trip, so that no branch of the decoder is left to chance in the properties.
 */
class PackedModesTest {
    private static final int N = 300;
    private static final long T0 = 1_700_000_000_000L;

    static Stream<Arguments> series() {
        SplittableRandom r = new SplittableRandom(7);
        long[] jitter = r.longs(N, -2, 3).toArray();
        long[] big = r.longs(N, 0, 1L << 40).toArray();
        double[] noise = r.doubles(N).toArray();
        IntToLongFunction grid = i -> T0 + i * 10_000L;
        IntToLongFunction jittered = i -> T0 + i * 10_000L + jitter[i];
        IntToLongFunction irregular = i -> T0 + i * 10_000L + (long) i * i * 37 + big[i] % 5_000;
        IntToLongFunction rareLate = i -> T0 + i * 10_000L + (i % 97 == 5 ? 1_234 : 0);
        IntToLongFunction wideJitter = i -> T0 + i * 10_000L + (big[i] % 101) - 50 + (i % 50 == 7 ? 5_000 : 0);
        long[] walk = new long[N];
        long[] accelerating = new long[N];
        double[] floatSum = new double[N];
        double[] mostlyRepeated = new double[N];
        long step = 0;
        for (int i = 1; i < N; i++) {
            walk[i] = walk[i - 1] + r.nextLong(-50, 51);
            step += r.nextLong(-3, 4);
            accelerating[i] = accelerating[i - 1] + 1_000 + step;
            floatSum[i] = floatSum[i - 1] + noise[i] * 1000;
            mostlyRepeated[i] = i % 10 == 0 ? noise[i] : mostlyRepeated[i - 1];
        }
        return Stream.of(
                Arguments.of("line/sparse constant", grid, (IntToDoubleFunction) i -> 1),
                Arguments.of("step/offset constant", wideJitter, (IntToDoubleFunction) i -> 1),
                Arguments.of("step/radix constant", jittered, (IntToDoubleFunction) i -> 1),
                Arguments.of("line/sparse constant", rareLate, (IntToDoubleFunction) i -> 1),
                Arguments.of("dod/", irregular, (IntToDoubleFunction) i -> 1),
                Arguments.of("decimal0/order0/radix", grid, (IntToDoubleFunction) i -> r.nextInt(5)),
                Arguments.of("decimal2/order0/", grid, (IntToDoubleFunction) i -> Math.round(noise[i] * 1e4) / 100.0),
                Arguments.of("decimal2/order1/radix", grid, (IntToDoubleFunction) i -> (1_000_000 + walk[i]) / 100.0),
                Arguments.of("decimal0/order1/sparse", grid, (IntToDoubleFunction) i -> 100 + i / 60),
                Arguments.of("decimal0/order2/", grid, (IntToDoubleFunction) i -> accelerating[i]),
                Arguments.of("decimal0/order3/", grid, (IntToDoubleFunction) i -> (double) i * i * i),
                Arguments.of("decimal9/", grid, (IntToDoubleFunction) i -> (1_000_000 + big[i] % 100_000) / 1e9),
                Arguments.of("decimal1/order1/", grid,
                        (IntToDoubleFunction) i -> i == 100 ? SampleValues.STALE_NAN : 20 + (i % 7) / 10.0),
                Arguments.of("rawbits/", grid, (IntToDoubleFunction) i -> 5e5 + floatSum[i]),
                Arguments.of("split/", grid, (IntToDoubleFunction) i -> noise[i] * Math.PI),
                Arguments.of("rawbits/order1/centered", grid, (IntToDoubleFunction) i -> mostlyRepeated[i]));
    }

    @org.junit.jupiter.api.Test
    void decodesTheXorValueMode() {
        RandomSeries series = RandomSeries.generate(11, N, RandomSeries.TimeShape.JITTERED,
                RandomSeries.ValueShape.SPECIAL_VALUES);
        byte[] chunk = new PackedChunkEncoder().encode(series.timestamps(), series.values(), N, true);
        PackedChunkReader reader = new PackedChunkReader();
        reader.reset(MemorySegment.ofArray(chunk),
                new ChunkHeader().parse(MemorySegment.ofArray(chunk), new io.strata.encoding.ByteInput()));
        assertThat(reader.describe()).endsWith(" xor");
        ChunkRoundTripProperties.assertSamples(Chunks.cursor(chunk, null), series, 0, N);
        Chunks.verify(MemorySegment.ofArray(chunk));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("series")
    void choosesTheModeAndRoundTrips(String expected, IntToLongFunction time, IntToDoubleFunction value) {
        long[] ts = new long[N];
        double[] values = new double[N];
        ChunkAppender appender = new ChunkAppender();
        for (int i = 0; i < N; i++) {
            ts[i] = time.applyAsLong(i);
            values[i] = value.applyAsDouble(i);
            assertThat(appender.append(ts[i], values[i])).isTrue();
        }
        byte[] chunk = appender.finish();
        assertThat(chunk[0]).isEqualTo((byte) ChunkFormat.PACKED_V1);
        PackedChunkReader reader = new PackedChunkReader();
        ChunkHeader header = new ChunkHeader().parse(MemorySegment.ofArray(chunk), new io.strata.encoding.ByteInput());
        reader.reset(MemorySegment.ofArray(chunk), header);
        assertThat(reader.describe()).contains(expected);

        SampleCursor cursor = Chunks.cursor(chunk, null);
        for (int i = 0; i < N; i++) {
            assertThat(cursor.next()).isEqualTo(SampleCursor.FLOAT);
            assertThat(cursor.timestamp()).isEqualTo(ts[i]);
            assertThat(Double.doubleToRawLongBits(cursor.value())).isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
        assertThat(cursor.next()).isEqualTo(SampleCursor.NONE);
        Chunks.verify(MemorySegment.ofArray(chunk));
    }
}
