package io.strata.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SeriesCacheTest {
    private static long high(int i) {
        return io.strata.model.Hashing.mix(i * 2L + 1);
    }

    private static long low(int i) {
        return io.strata.model.Hashing.mix(i * 2L + 2);
    }

    @Test
    void returnsStoredRefAndZeroForUnknownKey() {
        SeriesCache cache = new SeriesCache(1000);
        cache.put(high(1), low(1), 42);
        assertThat(cache.get(high(1), low(1))).isEqualTo(42);
        assertThat(cache.get(high(1), low(2))).isZero();
        assertThat(cache.get(high(2), low(1))).isZero();
    }

    @Test
    void putReplacesTheRefOfAKnownKey() {
        SeriesCache cache = new SeriesCache(1000);
        cache.put(high(1), low(1), 42);
        cache.put(high(1), low(1), 43);
        assertThat(cache.get(high(1), low(1))).isEqualTo(43);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void holdsEveryKeyUpToCapacityWhileGrowing() {
        SeriesCache cache = new SeriesCache(1 << 16);
        for (int i = 0; i < 20_000; i++) {
            cache.put(high(i), low(i), i + 1);
        }
        for (int i = 0; i < 20_000; i++) {
            assertThat(cache.get(high(i), low(i))).isEqualTo(i + 1);
        }
        assertThat(cache.evictions()).isZero();
    }

    @Test
    void evictsByClearingStripesSoSizeStaysBounded() {
        SeriesCache cache = new SeriesCache(1280); // 10 per stripe
        for (int i = 0; i < 50_000; i++) {
            cache.put(high(i), low(i), i + 1);
            assertThat(cache.get(high(i), low(i))).isEqualTo(i + 1);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(1280);
        assertThat(cache.evictions()).isPositive();
        assertThat(cache.retainedBytes()).isLessThan(200_000);
    }

    @Test
    void costsAtMostFortyBytesPerSeriesWhenLarge() {
        SeriesCache cache = new SeriesCache(1 << 20);
        for (int n : new int[] {100_000, 300_000}) {
            for (int i = 0; i < n; i++) {
                cache.put(high(i), low(i), i + 1);
            }
            double perSeries = (double) cache.retainedBytes() / cache.size();
            assertThat(perSeries).as("bytes per series at %d", n).isLessThanOrEqualTo(40);
        }
    }

    @Test
    void rejectsRefZeroAndNegativeCapacity() {
        assertThatThrownBy(() -> new SeriesCache(1000).put(1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeriesCache(0)).hasMessageContaining("got 0");
    }

    @Test
    void concurrentReadersSeeEitherNothingOrTheRightRef() throws Exception {
        SeriesCache cache = new SeriesCache(4096);
        int threads = 4;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    long seen = 0;
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < 10_000; i++) {
                            int k = (i * 7 + offset * 13) % 10_000; // overlapping keys, evictions included
                            long ref = cache.get(high(k), low(k));
                            if (ref != 0) {
                                assertThat(ref).isEqualTo(k + 1);
                                seen++;
                            } else {
                                cache.put(high(k), low(k), k + 1);
                            }
                        }
                    }
                    return seen;
                }));
            }
            for (Future<Long> f : results) {
                assertThat(f.get()).isPositive();
            }
        }
    }

    @Test
    void keysDependOnBytesAndOnSeeds() {
        SeriesCache cache = new SeriesCache(10);
        byte[] a = "__name__up".getBytes(StandardCharsets.UTF_8);
        byte[] b = "__name__uq".getBytes(StandardCharsets.UTF_8);
        SeriesKey k1 = cache.newKey();
        SeriesKey k2 = cache.newKey();
        k1.reset(1);
        k1.addBytes(a, 0, a.length);
        k2.reset(1);
        k2.addBytes(a, 0, a.length);
        assertThat(k1.high()).isEqualTo(k2.high());
        assertThat(k1.low()).isEqualTo(k2.low());
        k2.reset(1);
        k2.addBytes(b, 0, b.length);
        assertThat(k1.high()).isNotEqualTo(k2.high());
        assertThat(k1.low()).isNotEqualTo(k2.low());
        k2.reset(2);
        k2.addBytes(a, 0, a.length);
        assertThat(k1.high()).isNotEqualTo(k2.high());
        SeriesKey other = new SeriesCache(10).newKey();
        other.reset(1);
        other.addBytes(a, 0, a.length);
        assertThat(other.high()).isNotEqualTo(k1.high());
    }
}
