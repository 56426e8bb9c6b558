package io.strata.encoding.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.storage.SampleCursor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Encode/decode round trips over many series shapes: every chunk the appender finishes decodes
 * to exactly the samples appended (bit-exact values), through heap arrays and off-heap segments
 * laid back to back, and passes {@link Chunks#verify}.
 */
class ChunkRoundTripProperties {
    /** Reused across tries of a property (jqwik keeps one instance per property). */
    private final ChunkEncoder reusedEncoder = new ChunkEncoder();

    /** Appends the series, cutting chunks where the appender reports full; returns the chunks. */
    static List<byte[]> encode(RandomSeries series, ChunkAppender appender) {
        List<byte[]> chunks = new ArrayList<>();
        appender.reset();
        for (int i = 0; i < series.size(); i++) {
            if (!appender.append(series.timestamps()[i], series.values()[i])) {
                chunks.add(appender.finish());
                appender.reset();
                assertThat(appender.append(series.timestamps()[i], series.values()[i])).isTrue();
            }
        }
        chunks.add(appender.finish());
        return chunks;
    }

    static void assertSamples(SampleCursor cursor, RandomSeries series, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(cursor.next()).as("sample %d", i).isEqualTo(SampleCursor.FLOAT);
            assertThat(cursor.timestamp()).as("timestamp %d", i).isEqualTo(series.timestamps()[i]);
            assertThat(Double.doubleToRawLongBits(cursor.value()))
                    .as("bits of value %d (%s)", i, series.values()[i])
                    .isEqualTo(Double.doubleToRawLongBits(series.values()[i]));
        }
        assertThat(cursor.next()).isEqualTo(SampleCursor.NONE);
        assertThat(cursor.next()).isEqualTo(SampleCursor.NONE);
    }

    @Property(tries = 300)
    void finishedChunksDecodeToTheAppendedSamples(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 1500) int size,
            @ForAll RandomSeries.TimeShape timeShape,
            @ForAll RandomSeries.ValueShape valueShape) {
        RandomSeries series = RandomSeries.generate(seed, size, timeShape, valueShape);
        List<byte[]> chunks = encode(series, new ChunkAppender());

        // Heap arrays, one cursor reused across chunks.
        SampleCursor cursor = null;
        int from = 0;
        for (byte[] chunk : chunks) {
            cursor = Chunks.cursor(chunk, cursor);
            int count = Chunks.numSamples(MemorySegment.ofArray(chunk));
            assertSamples(cursor, series, from, from + count);
            Chunks.verify(MemorySegment.ofArray(chunk));
            from += count;
        }
        assertThat(from).isEqualTo(size);

        // Off-heap, back to back, walked with Chunks.length.
        try (Arena arena = Arena.ofConfined()) {
            long total = chunks.stream().mapToLong(c -> c.length).sum();
            MemorySegment all = arena.allocate(total + 3);
            long offset = 0;
            for (byte[] chunk : chunks) {
                MemorySegment.copy(MemorySegment.ofArray(chunk), 0, all, offset, chunk.length);
                offset += chunk.length;
            }
            offset = 0;
            from = 0;
            for (byte[] chunk : chunks) {
                MemorySegment rest = all.asSlice(offset);
                assertThat(Chunks.length(rest)).isEqualTo(chunk.length);
                int count = Chunks.numSamples(rest);
                assertThat(Chunks.minTime(rest)).isEqualTo(series.timestamps()[from]);
                assertThat(Chunks.maxTime(rest)).isEqualTo(series.timestamps()[from + count - 1]);
                Chunks.verify(rest);
                assertSamples(Chunks.cursor(rest, cursor), series, from, from + count);
                offset += chunk.length;
                from += count;
            }
        }
    }

    @Property(tries = 100)
    void encodingArraysEqualsFinishingAnAppender(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 1000) int size,
            @ForAll RandomSeries.TimeShape timeShape,
            @ForAll RandomSeries.ValueShape valueShape) {
        RandomSeries series = RandomSeries.generate(seed, Math.max(1, size), timeShape, valueShape);
        byte[] direct = Chunks.encode(series.timestamps(), series.values(), size);
        ChunkAppender appender = new ChunkAppender(ChunkFormat.MAX_SAMPLES, ChunkFormat.MAX_BODY_BYTES);
        for (int i = 0; i < size; i++) {
            appender.append(series.timestamps()[i], series.values()[i]);
        }
        byte[] finished = appender.finish();
        if (finished[0] == ChunkFormat.PACKED_V1) {
            assertThat(direct).isEqualTo(finished);
        }
        // Scratch space left over from earlier, larger or smaller chunks changes nothing.
        assertThat(reusedEncoder.encode(series.timestamps(), series.values(), size)).isEqualTo(direct);
        assertThat(appender.finish(reusedEncoder)).isEqualTo(finished);
        assertSamples(Chunks.cursor(direct, null), series, 0, size);
    }

    @Property(tries = 100)
    void appenderSizeIsAnUpperBoundOfTheFinishedChunk(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll RandomSeries.TimeShape timeShape,
            @ForAll RandomSeries.ValueShape valueShape) {
        RandomSeries series = RandomSeries.generate(seed, size, timeShape, valueShape);
        ChunkAppender appender = new ChunkAppender();
        for (int i = 0; i < size && appender.append(series.timestamps()[i], series.values()[i]); i++) {
            assertThat(appender.finish().length).isLessThanOrEqualTo(appender.sizeInBytes());
        }
        assertThat(appender.sizeInBytes()).isLessThanOrEqualTo(ChunkAppender.DEFAULT_MAX_BYTES);
        assertThat(appender.retainedBytes()).isGreaterThan(appender.sizeInBytes());
    }
}
