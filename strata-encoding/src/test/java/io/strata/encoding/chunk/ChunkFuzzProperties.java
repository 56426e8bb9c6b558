package io.strata.encoding.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.encoding.CorruptChunkException;
import io.strata.encoding.prometheus.PrometheusXorChunk;
import io.strata.storage.SampleCursor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated bytes fed to every reading entry point: the only exception allowed out is
 * {@link CorruptChunkException}, and every decode ends (decoders are bounded by the header's
 * sample count, itself capped, so a hang would show up as this test never finishing).
 */
class ChunkFuzzProperties {

    /** Runs every reader over {@code bytes}; returns normally or throws CorruptChunkException. */
    static void readEverything(byte[] bytes, long seed) {
        MemorySegment segment = MemorySegment.ofArray(bytes);
        Chunks.numSamples(segment);
        Chunks.minTime(segment);
        Chunks.maxTime(segment);
        Chunks.length(segment);
        SampleCursor cursor = Chunks.cursor(bytes, null);
        int samples = 0;
        while (cursor.next() == SampleCursor.FLOAT) {
            samples++;
        }
        assertThat(samples).isLessThanOrEqualTo(ChunkFormat.MAX_SAMPLES);
        SplittableRandom random = new SplittableRandom(seed);
        cursor = Chunks.cursor(segment, cursor);
        long target = Long.MIN_VALUE;
        while (cursor.seek(target) == SampleCursor.FLOAT) {
            target = cursor.timestamp() == Long.MAX_VALUE ? Long.MAX_VALUE
                    : cursor.timestamp() + 1 + random.nextLong(1000);
            if (cursor.timestamp() == Long.MAX_VALUE) {
                break;
            }
        }
        Chunks.verify(segment);
    }

    private static void assertOnlyCorruption(byte[] bytes, long seed) {
        try {
            readEverything(bytes, seed);
        } catch (CorruptChunkException expected) {
            assertThat(expected.getMessage()).startsWith("corrupt chunk: ");
        }
    }

    @Property(tries = 400)
    void randomBytesFailOnlyAsCorruption(@ForAll @Size(max = 200) byte[] bytes, @ForAll long seed) {
        assertOnlyCorruption(bytes, seed);
        // The same bytes behind each valid encoding id exercise the body decoders.
        for (int encoding : new int[] {ChunkFormat.XOR_V1, ChunkFormat.PACKED_V1, ChunkFormat.DECIMAL_V1}) {
            byte[] withId = new byte[bytes.length + 1];
            withId[0] = (byte) encoding;
            System.arraycopy(bytes, 0, withId, 1, bytes.length);
            assertOnlyCorruption(withId, seed);
        }
    }

    @Property(tries = 400)
    void mutatedChunksFailOnlyAsCorruptionAndVerifyCatchesThem(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll RandomSeries.TimeShape timeShape,
            @ForAll RandomSeries.ValueShape valueShape,
            @ForAll @IntRange(min = 1, max = 4) int mutations) {
        RandomSeries series = RandomSeries.generate(seed, size, timeShape, valueShape);
        ChunkAppender appender = new ChunkAppender(ChunkFormat.MAX_SAMPLES, ChunkFormat.MAX_BODY_BYTES);
        for (int i = 0; i < size; i++) {
            appender.append(series.timestamps()[i], series.values()[i]);
        }
        byte[] original = appender.finish();
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        byte[] mutated = mutate(original, mutations, random);
        assertOnlyCorruption(mutated, seed);
        if (!Arrays.equals(original, 0, Math.min(original.length, mutated.length),
                mutated, 0, Math.min(original.length, mutated.length)) || mutated.length < original.length) {
            assertThatThrownBy(() -> Chunks.verify(MemorySegment.ofArray(mutated)))
                    .isInstanceOf(CorruptChunkException.class);
        }
    }

    @Property(tries = 300)
    void mutatedPrometheusChunksFailOnlyAsCorruption(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 200) int size,
            @ForAll RandomSeries.TimeShape timeShape,
            @ForAll RandomSeries.ValueShape valueShape) {
        RandomSeries series = RandomSeries.generate(seed, size, timeShape, valueShape);
        PrometheusXorChunk chunk = new PrometheusXorChunk();
        for (int i = 0; i < size; i++) {
            chunk.append(series.timestamps()[i], series.values()[i]);
        }
        byte[] mutated = mutate(chunk.bytes(), 2, new SplittableRandom(seed));
        try {
            SampleCursor cursor = PrometheusXorChunk.cursor(mutated);
            int count = 0;
            while (cursor.next() == SampleCursor.FLOAT) {
                count++;
            }
            assertThat(count).isLessThanOrEqualTo(PrometheusXorChunk.MAX_SAMPLES);
        } catch (CorruptChunkException expected) {
            assertThat(expected.getMessage()).startsWith("corrupt chunk: ");
        }
    }

    /** Bit flips, byte overwrites, truncation and extension, the usual damage of storage. */
    static byte[] mutate(byte[] original, int mutations, SplittableRandom random) {
        byte[] bytes = original.clone();
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    int bit = random.nextInt(bytes.length * 8);
                    bytes[bit >>> 3] ^= (byte) (1 << (bit & 7));
                }
                case 1 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                case 2 -> bytes[random.nextInt(Math.min(bytes.length, 12))] = (byte) random.nextInt(256);
                case 3 -> bytes = Arrays.copyOf(bytes, random.nextInt(1, bytes.length + 1));
                default -> {
                    byte[] longer = Arrays.copyOf(bytes, bytes.length + random.nextInt(1, 16));
                    for (int i = bytes.length; i < longer.length; i++) {
                        longer[i] = (byte) random.nextInt(256);
                    }
                    bytes = longer;
                }
            }
            if (bytes.length == 0) {
                bytes = new byte[] {0};
            }
        }
        return bytes;
    }
}
