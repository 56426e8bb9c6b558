package io.strata.ingest.remoteread;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.encoding.prometheus.PrometheusXorChunk;
import io.strata.ingest.prompb.Remote;
import io.strata.ingest.prompb.Types;
import io.strata.ingest.support.InMemoryStorage;
import io.strata.ingest.support.InMemoryStorage.StoredSample;
import io.strata.ingest.support.Snappy;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.storage.SampleCursor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever is stored comes back identical through both response types. */
class RemoteReadRoundTripProperties {
    @Provide
    Arbitrary<List<StoredSample>> stored() {
        Arbitrary<Labels> labels = Arbitraries.of("a", "b", "c", "d").list().ofMinSize(1).ofMaxSize(3)
                .map(jobs -> Labels.of("__name__", "m", "job", String.join("", jobs)));
        Arbitrary<Long> timestamps = Arbitraries.longs().between(0, 10_000_000);
        Arbitrary<Double> values = Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(-0.0)
                .withSpecialValue(Double.longBitsToDouble(0x7ff0000000000002L));
        return net.jqwik.api.Combinators.combine(labels, timestamps, values).as(StoredSample::new).list().ofMaxSize(600);
    }

    private static InMemoryStorage load(List<StoredSample> samples) {
        InMemoryStorage storage = new InMemoryStorage();
        samples.forEach(s -> storage.put(s.labels(), s.timestamp(), s.value()));
        return storage;
    }

    private static Remote.ReadRequest request(Remote.ReadRequest.ResponseType type) {
        return Remote.ReadRequest.newBuilder()
                .addQueries(Remote.Query.newBuilder().setStartTimestampMs(0).setEndTimestampMs(Long.MAX_VALUE)
                        .addMatchers(Types.LabelMatcher.newBuilder().setName("__name__").setValue("m")))
                .addAcceptedResponseTypes(type)
                .build();
    }

    /** What was stored, series by series in label order, each timestamp once (the last write wins). */
    private static List<String> expected(List<StoredSample> samples) {
        TreeMap<Labels, TreeMap<Long, Double>> series = new TreeMap<>();
        samples.forEach(s -> series.computeIfAbsent(s.labels(), l -> new TreeMap<>()).put(s.timestamp(), s.value()));
        List<String> out = new ArrayList<>();
        series.forEach((l, points) -> points.forEach(
                (t, v) -> out.add(l + " " + t + " " + Double.doubleToRawLongBits(v))));
        return out;
    }

    private static Labels labels(Types.TimeSeries ts) {
        LabelsBuilder b = new LabelsBuilder();
        ts.getLabelsList().forEach(l -> b.add(l.getName(), l.getValue()));
        return b.build();
    }

    private static byte[] body(RemoteReadResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.writeBody(out);
        return out.toByteArray();
    }

    @Property(tries = 60)
    void samplesResponseReturnsWhatWasStored(@ForAll("stored") List<StoredSample> samples) throws IOException {
        RemoteReadHandler handler = new RemoteReadHandler(load(samples), RemoteReadLimits.defaults());

        Remote.ReadResponse response = Remote.ReadResponse.parseFrom(Snappy.decompress(body(handler.handle(
                RemoteReadHandlerTest.request(request(Remote.ReadRequest.ResponseType.SAMPLES))))));

        List<Types.TimeSeries> series = new ArrayList<>(response.getResults(0).getTimeseriesList());
        series.sort(Comparator.comparing(RemoteReadRoundTripProperties::labels));
        List<String> read = new ArrayList<>();
        for (Types.TimeSeries ts : series) {
            for (Types.Sample s : ts.getSamplesList()) {
                read.add(labels(ts) + " " + s.getTimestamp() + " " + Double.doubleToRawLongBits(s.getValue()));
            }
        }
        assertThat(read).containsExactlyElementsOf(expected(samples));
    }

    @Property(tries = 60)
    void streamedChunksReturnWhatWasStored(
            @ForAll("stored") List<StoredSample> samples, @ForAll @IntRange(min = 64, max = 4096) int frameBytes)
            throws IOException {
        InMemoryStorage storage = load(samples);
        RemoteReadHandler handler = new RemoteReadHandler(storage, new RemoteReadLimits(1 << 20, 1 << 20, 1 << 20, frameBytes));

        List<Remote.ChunkedReadResponse> frames = StreamedFrames.parse(body(handler.handle(
                RemoteReadHandlerTest.request(request(Remote.ReadRequest.ResponseType.STREAMED_XOR_CHUNKS)))));

        List<String> streamed = new ArrayList<>();
        Labels previous = null;
        for (Remote.ChunkedReadResponse f : frames) {
            Types.ChunkedSeries s = f.getChunkedSeries(0);
            LabelsBuilder b = new LabelsBuilder();
            s.getLabelsList().forEach(l -> b.add(l.getName(), l.getValue()));
            Labels l = b.build();
            assertThat(previous == null || previous.compareTo(l) <= 0).as("series sorted, never revisited").isTrue();
            previous = l;
            for (Types.Chunk c : s.getChunksList()) {
                SampleCursor cursor = PrometheusXorChunk.cursor(c.getData().toByteArray());
                while (cursor.next() == SampleCursor.FLOAT) {
                    streamed.add(l + " " + cursor.timestamp() + " " + Double.doubleToRawLongBits(cursor.value()));
                }
            }
        }
        assertThat(streamed).containsExactlyElementsOf(expected(samples));
    }
}
