package io.strata.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingest.support.InMemoryStorage;
import io.strata.ingest.support.PromRequests;
import io.strata.model.Labels;
import io.strata.storage.AppendStatus;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The series cache changes nothing observable: a handler with it stores and answers exactly what
 * a handler without it does, over requests that repeat series (the cache's hit path), in both
 * versions, with sample-level rejections and refs that become stale in between.
 */
class SeriesCacheProperties {
    @Provide
    Arbitrary<List<GeneratedSeries>> requests() {
        return GeneratedSeries.requests();
    }

    private static RemoteWriteHandler handler(InMemoryStorage storage, int cacheCapacity) {
        return new RemoteWriteHandler(storage, IngestLimits.defaults(), new RejectionCounters(),
                InstantSource.fixed(Instant.ofEpochMilli(GeneratedSeries.NOW)), cacheCapacity);
    }

    /** Rejects about a third of the samples, decided by their content, so both stores agree. */
    private static AppendStatus policy(Labels labels, long timestamp, double value) {
        int h = (labels.hashCode() * 31 + Long.hashCode(timestamp)) * 31 + Double.hashCode(value);
        return switch (Math.floorMod(h, 9)) {
            case 0 -> AppendStatus.OUT_OF_ORDER;
            case 1 -> AppendStatus.DUPLICATE;
            case 2 -> AppendStatus.TOO_OLD;
            default -> AppendStatus.OK;
        };
    }

    @Property(tries = 100)
    void cachedHandlerStoresAndAnswersLikeUncachedOne(
            @ForAll("requests") List<GeneratedSeries> first,
            @ForAll("requests") List<GeneratedSeries> second,
            @ForAll long seed) {
        InMemoryStorage plain = new InMemoryStorage().policy(SeriesCacheProperties::policy);
        InMemoryStorage cached = new InMemoryStorage().policy(SeriesCacheProperties::policy);
        RemoteWriteHandler withoutCache = handler(plain, 0);
        RemoteWriteHandler withCache = handler(cached, 1024);
        Random random = new Random(seed);
        List<GeneratedSeries> again = new ArrayList<>(first);
        again.addAll(second);
        Collections.shuffle(again, random); // 2.0: other symbol numbers for the same series

        for (int round = 0; round < 4; round++) {
            List<GeneratedSeries> series = round == 0 ? first : again;
            boolean v2 = random.nextBoolean();
            if (round == 2) {
                cached.forgetRefs(); // every cached ref is now stale
                plain.forgetRefs();
            }
            IngestResponse expected = withoutCache.handle(request(series, v2));
            IngestResponse actual = withCache.handle(request(series, v2));
            assertThat(actual).isEqualTo(expected);
        }
        assertThat(cached.samples()).containsExactlyElementsOf(plain.samples());
        assertThat(cached.refMisuse()).isEmpty();
        assertThat(plain.appendByRefCalls()).isZero();
    }

    @Property(tries = 50)
    void repeatedSeriesGoThroughTheCache(@ForAll("requests") List<GeneratedSeries> series) {
        InMemoryStorage storage = new InMemoryStorage();
        RemoteWriteHandler handler = handler(storage, 1024);
        handler.handle(request(series, false));
        // 1.0 and 2.0 keys differ, so the first 2.0 request fills the cache for 2.0. A series that
        // appears twice in one request may hit the cache before its batch commits; the storage
        // then answers UNKNOWN_SERIES and the sample falls back to the labels path, so only the
        // outcome of that request is checked here.
        IngestResponse response = handler.handle(request(series, true));
        assertThat(response.status()).as(response.body()).isEqualTo(204);

        long samples = GeneratedSeries.expected(series).size();
        long appendsBefore = storage.appendCalls();
        long byRefBefore = storage.appendByRefCalls();
        long unknownBefore = storage.unknownRefs();
        handler.handle(request(series, true));
        // Every series is now committed and cached: each sample goes by ref, none by labels.
        assertThat(storage.appendByRefCalls() - byRefBefore).isEqualTo(samples);
        assertThat(storage.appendCalls() - appendsBefore).isZero();
        assertThat(storage.unknownRefs() - unknownBefore).isZero();
    }

    static io.strata.ingest.remotewrite.RemoteWriteRequest request(List<GeneratedSeries> series, boolean v2) {
        return v2
                ? PromRequests.v2Request(GeneratedSeries.v2(series))
                : PromRequests.v1Request(GeneratedSeries.v1(series));
    }
}
