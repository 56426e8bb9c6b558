package io.strata.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingest.support.InMemoryStorage;
import io.strata.ingest.support.PromRequests;
import io.strata.ingest.support.Snappy;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzes the remote-write path with random bytes, truncations and single-byte mutations, both of
 * the snappy body and of the protobuf inside it. Whatever arrives, the handler answers with a
 * status instead of throwing, a refused request stores nothing, and every appender is committed
 * or rolled back.
 */
class RemoteWriteFuzzProperties {
    @Provide
    Arbitrary<List<GeneratedSeries>> requests() {
        return GeneratedSeries.requests().filter(s -> !s.isEmpty());
    }

    @Property(tries = 300)
    void randomBodiesNeverCrash(@ForAll @Size(max = 300) byte[] body, @ForAll boolean version2) {
        check(body, version2);
    }

    @Property(tries = 300)
    void randomProtobufNeverCrashes(@ForAll @Size(max = 300) byte[] protobuf, @ForAll boolean version2) {
        check(Snappy.compress(protobuf), version2);
    }

    @Property(tries = 200)
    void truncatedRequestsNeverCrash(
            @ForAll("requests") List<GeneratedSeries> series, @ForAll boolean version2, @ForAll @IntRange(max = 10_000) int cut) {
        byte[] raw = encode(series, version2);
        byte[] truncated = Arrays.copyOf(raw, cut % raw.length);
        check(Snappy.compress(truncated), version2);
        byte[] compressed = Snappy.compress(raw);
        check(Arrays.copyOf(compressed, cut % compressed.length), version2);
    }

    @Property(tries = 300)
    void mutatedProtobufNeverCrashes(
            @ForAll("requests") List<GeneratedSeries> series,
            @ForAll boolean version2,
            @ForAll @IntRange(max = 100_000) int position,
            @ForAll byte replacement) {
        byte[] raw = encode(series, version2);
        raw[position % raw.length] = replacement;
        check(Snappy.compress(raw), version2);
    }

    @Property(tries = 300)
    void mutatedSnappyNeverCrashes(
            @ForAll("requests") List<GeneratedSeries> series,
            @ForAll boolean version2,
            @ForAll @IntRange(max = 100_000) int position,
            @ForAll byte replacement) {
        byte[] compressed = Snappy.compress(encode(series, version2));
        compressed[position % compressed.length] = replacement;
        check(compressed, version2);
    }

    private static byte[] encode(List<GeneratedSeries> series, boolean version2) {
        return version2 ? GeneratedSeries.v2(series).toByteArray() : GeneratedSeries.v1(series).toByteArray();
    }

    private static void check(byte[] body, boolean version2) {
        InMemoryStorage storage = new InMemoryStorage();
        RejectionCounters counters = new RejectionCounters();
        RemoteWriteHandler handler = new RemoteWriteHandler(storage, IngestLimits.defaults(), counters,
                InstantSource.fixed(Instant.ofEpochMilli(GeneratedSeries.NOW)));
        String contentType = version2 ? PromRequests.V2_CONTENT_TYPE : PromRequests.V1_CONTENT_TYPE;

        IngestResponse response = handler.handle(RemoteWriteRequest.of(contentType, "snappy", null, body));

        assertThat(response.status()).as(response.body()).isIn(204, 400, 413);
        assertThat(storage.commits() + storage.rollbacks()).as("appenders closed").isLessThanOrEqualTo(1);
        assertThat(storage.refMisuse()).isEmpty();
        boolean refusedWhole = false;
        for (RejectionReason r : RejectionReason.values()) {
            if (r.scope() == RejectionReason.Scope.REQUEST && counters.get(r) > 0) {
                refusedWhole = true;
            }
        }
        if (refusedWhole) {
            assertThat(storage.samples()).as("a refused request stores nothing").isEmpty();
            assertThat(storage.commits()).isZero();
        } else {
            assertThat(storage.commits()).isEqualTo(1);
            assertThat(counters.samplesAccepted()).isEqualTo(storage.samples().size());
        }
        if (response.status() == 204) {
            counters.forEach((reason, count) -> assertThat(count).as(reason.label()).isZero());
        }
    }
}
