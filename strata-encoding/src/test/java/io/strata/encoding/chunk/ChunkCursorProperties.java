package io.strata.encoding.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.storage.SampleCursor;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The {@link SampleCursor} contract for finished and open chunks. */
class ChunkCursorProperties {

    @Property(tries = 150)
    void reusedCursorSeesWhatAFreshCursorSees(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 1200) int size,
            @ForAll RandomSeries.TimeShape timeShape,
            @ForAll RandomSeries.ValueShape valueShape) {
        RandomSeries series = RandomSeries.generate(seed, size, timeShape, valueShape);
        List<byte[]> chunks = ChunkRoundTripProperties.encode(series, new ChunkAppender());
        // Dirty the cursor first: half-read another chunk, then reuse it for every chunk.
        SampleCursor reused = Chunks.cursor(chunks.getLast(), null);
        reused.next();
        ChunkAppender other = new ChunkAppender();
        other.append(1, 1);
        reused = other.cursor(reused);
        reused.next();
        for (byte[] chunk : chunks) {
            SampleCursor fresh = Chunks.cursor(chunk, null);
            reused = Chunks.cursor(chunk, reused);
            int kind;
            do {
                kind = fresh.next();
                assertThat(reused.next()).isEqualTo(kind);
                if (kind == SampleCursor.FLOAT) {
                    assertThat(reused.timestamp()).isEqualTo(fresh.timestamp());
                    assertThat(Double.doubleToRawLongBits(reused.value()))
                            .isEqualTo(Double.doubleToRawLongBits(fresh.value()));
                }
            } while (kind != SampleCursor.NONE);
        }
    }

    @Property(tries = 150)
    void seekAgreesWithALinearScan(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 1000) int size,
            @ForAll RandomSeries.TimeShape timeShape,
            @ForAll RandomSeries.ValueShape valueShape) {
        RandomSeries series = RandomSeries.generate(seed, size, timeShape, valueShape);
        ChunkAppender appender = new ChunkAppender(ChunkFormat.MAX_SAMPLES, ChunkFormat.MAX_BODY_BYTES);
        for (int i = 0; i < size; i++) {
            assertThat(appender.append(series.timestamps()[i], series.values()[i])).isTrue();
        }
        byte[] chunk = appender.finish();
        SplittableRandom random = new SplittableRandom(seed);
        for (SampleCursor cursor : new SampleCursor[] {Chunks.cursor(chunk, null), appender.cursor(null)}) {
            // Non-decreasing seek targets: repeated, on samples, between samples, past the end.
            int position = 0;
            long target = series.timestamps()[0] - random.nextLong(3);
            for (int step = 0; step < 3 * size + 3; step++) {
                while (position < size && series.timestamps()[position] < target) {
                    position++;
                }
                int kind = cursor.seek(target);
                if (position == size) {
                    assertThat(kind).isEqualTo(SampleCursor.NONE);
                    assertThat(cursor.seek(target)).isEqualTo(SampleCursor.NONE);
                    assertThat(cursor.next()).isEqualTo(SampleCursor.NONE);
                    break;
                }
                assertThat(kind).isEqualTo(SampleCursor.FLOAT);
                assertThat(cursor.timestamp()).isEqualTo(series.timestamps()[position]);
                assertThat(Double.doubleToRawLongBits(cursor.value()))
                        .isEqualTo(Double.doubleToRawLongBits(series.values()[position]));
                // Seeking backwards never moves the cursor.
                assertThat(cursor.seek(Long.MIN_VALUE)).isEqualTo(SampleCursor.FLOAT);
                assertThat(cursor.timestamp()).isEqualTo(series.timestamps()[position]);
                if (target == Long.MAX_VALUE) {
                    break;
                }
                int choice = random.nextInt(20);
                if (choice == 0) {
                    target = Long.MAX_VALUE;
                } else if (choice < 5) {
                    // Stay: the cursor must not move.
                } else if (position + 1 < size) {
                    int ahead = position + 1 + random.nextInt(Math.min(5, size - position - 1));
                    long onSample = series.timestamps()[ahead];
                    // On the sample or just before it (between two samples when the gap allows).
                    target = choice % 2 == 0 ? onSample : Math.max(target, onSample - 1);
                } else {
                    target = series.timestamps()[position] == Long.MAX_VALUE
                            ? Long.MAX_VALUE : series.timestamps()[position] + 1;
                }
            }
        }
    }

    @Property(tries = 60)
    void openChunkCursorSeesEveryPrefix(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 400) int size,
            @ForAll RandomSeries.TimeShape timeShape,
            @ForAll RandomSeries.ValueShape valueShape) {
        RandomSeries series = RandomSeries.generate(seed, size, timeShape, valueShape);
        ChunkAppender appender = new ChunkAppender(ChunkFormat.MAX_SAMPLES, ChunkFormat.MAX_BODY_BYTES);
        SampleCursor reused = null;
        for (int i = 0; i < size; i++) {
            SampleCursor before = appender.cursor(null);
            assertThat(appender.append(series.timestamps()[i], series.values()[i])).isTrue();
            // A cursor taken before the append sees only the earlier samples.
            ChunkRoundTripProperties.assertSamples(before, series, 0, i);
            reused = appender.cursor(reused);
            ChunkRoundTripProperties.assertSamples(reused, series, 0, i + 1);
            assertThat(appender.numSamples()).isEqualTo(i + 1);
            assertThat(appender.minTime()).isEqualTo(series.timestamps()[0]);
            assertThat(appender.maxTime()).isEqualTo(series.timestamps()[i]);
        }
        // finish() leaves the appender readable and appendable.
        byte[] chunk = appender.finish();
        ChunkRoundTripProperties.assertSamples(appender.cursor(reused), series, 0, size);
        ChunkRoundTripProperties.assertSamples(Chunks.cursor(chunk, reused), series, 0, size);
        appender.reset();
        assertThat(appender.numSamples()).isZero();
        assertThat(appender.cursor(reused).next()).isEqualTo(SampleCursor.NONE);
    }
}
