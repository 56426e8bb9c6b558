package io.strata.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingest.support.InMemoryStorage;
import io.strata.ingest.support.PromRequests;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

/** The hand-written decoder stores exactly what protobuf-java encoded, in both versions. */
class RemoteWriteDecodeProperties {
    @Provide
    Arbitrary<List<GeneratedSeries>> requests() {
        return GeneratedSeries.requests();
    }

    private static RemoteWriteHandler handler(InMemoryStorage storage) {
        return new RemoteWriteHandler(storage, IngestLimits.defaults(), new RejectionCounters(),
                InstantSource.fixed(Instant.ofEpochMilli(GeneratedSeries.NOW)));
    }

    @Property(tries = 200)
    void version1StoresEverySampleAsEncoded(@ForAll("requests") List<GeneratedSeries> series) {
        InMemoryStorage storage = new InMemoryStorage();

        IngestResponse response = handler(storage).handle(PromRequests.v1Request(GeneratedSeries.v1(series)));

        assertThat(response.status()).as(response.body()).isEqualTo(204);
        assertThat(storage.samples()).containsExactlyElementsOf(GeneratedSeries.expected(series));
        assertThat(storage.refMisuse()).isEmpty();
    }

    @Property(tries = 200)
    void version2StoresEverySampleAsEncoded(@ForAll("requests") List<GeneratedSeries> series) {
        InMemoryStorage storage = new InMemoryStorage();

        IngestResponse response = handler(storage).handle(PromRequests.v2Request(GeneratedSeries.v2(series)));

        assertThat(response.status()).as(response.body()).isEqualTo(204);
        assertThat(response.headers()).containsEntry(
                RemoteWriteHandler.SAMPLES_WRITTEN, Long.toString(GeneratedSeries.expected(series).size()));
        assertThat(storage.samples()).containsExactlyElementsOf(GeneratedSeries.expected(series));
    }
}
