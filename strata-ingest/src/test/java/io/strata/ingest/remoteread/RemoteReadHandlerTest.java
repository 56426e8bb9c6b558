package io.strata.ingest.remoteread;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingest.prompb.Remote;
import io.strata.ingest.prompb.Types;
import io.strata.ingest.support.InMemoryStorage;
import io.strata.ingest.support.Snappy;
import io.strata.model.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteReadHandlerTest {
    private final InMemoryStorage storage = new InMemoryStorage();
    private final RemoteReadHandler handler = new RemoteReadHandler(storage, RemoteReadLimits.defaults());

    static Types.LabelMatcher matcher(Types.LabelMatcher.Type type, String name, String value) {
        return Types.LabelMatcher.newBuilder().setType(type).setName(name).setValue(value).build();
    }

    static Remote.Query query(long start, long end, Types.LabelMatcher... matchers) {
        return Remote.Query.newBuilder().setStartTimestampMs(start).setEndTimestampMs(end)
                .addAllMatchers(List.of(matchers)).build();
    }

    static RemoteReadRequest request(Remote.ReadRequest request) {
        return RemoteReadRequest.of("application/x-protobuf", "snappy", Snappy.compress(request.toByteArray()));
    }

    static byte[] body(RemoteReadResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.writeBody(out);
        return out.toByteArray();
    }

    static String text(RemoteReadResponse response) throws IOException {
        return new String(body(response), StandardCharsets.UTF_8);
    }

    private void load() {
        for (int i = 0; i < 10; i++) {
            storage.put(Labels.of("__name__", "up", "job", "a"), 1000L * i, i);
            storage.put(Labels.of("__name__", "up", "job", "b"), 1000L * i, 10 + i);
            storage.put(Labels.of("__name__", "other"), 1000L * i, 100 + i);
        }
    }

    @Test
    void answersSamplesForEachQueryInOrder() throws IOException {
        load();
        Remote.ReadRequest req = Remote.ReadRequest.newBuilder()
                .addQueries(query(2000, 4000, matcher(Types.LabelMatcher.Type.EQ, "__name__", "up"),
                        matcher(Types.LabelMatcher.Type.EQ, "job", "b")))
                .addQueries(query(0, 1000, matcher(Types.LabelMatcher.Type.RE, "__name__", "oth.*")))
                .build();

        RemoteReadResponse response = handler.handle(request(req));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsExactly(
                Map.entry("Content-Type", "application/x-protobuf"), Map.entry("Content-Encoding", "snappy"));
        Remote.ReadResponse decoded = Remote.ReadResponse.parseFrom(Snappy.decompress(body(response)));
        assertThat(decoded.getResultsCount()).isEqualTo(2);
        Types.TimeSeries b = decoded.getResults(0).getTimeseries(0);
        assertThat(decoded.getResults(0).getTimeseriesCount()).isEqualTo(1);
        assertThat(b.getLabelsList()).extracting(Types.Label::getName, Types.Label::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("__name__", "up"), org.assertj.core.groups.Tuple.tuple("job", "b"));
        assertThat(b.getSamplesList()).extracting(Types.Sample::getTimestamp).containsExactly(2000L, 3000L, 4000L);
        assertThat(b.getSamplesList()).extracting(Types.Sample::getValue).containsExactly(12.0, 13.0, 14.0);
        assertThat(decoded.getResults(1).getTimeseries(0).getSamplesList()).extracting(Types.Sample::getValue)
                .containsExactly(100.0, 101.0);
    }

    @Test
    void answersAnEmptyResultForAQueryMatchingNothing() throws IOException {
        load();
        Remote.ReadRequest req = Remote.ReadRequest.newBuilder()
                .addQueries(query(0, 10_000, matcher(Types.LabelMatcher.Type.EQ, "__name__", "absent")))
                .build();

        RemoteReadResponse response = handler.handle(request(req));

        Remote.ReadResponse decoded = Remote.ReadResponse.parseFrom(Snappy.decompress(body(response)));
        assertThat(decoded.getResultsCount()).isEqualTo(1);
        assertThat(decoded.getResults(0).getTimeseriesCount()).isZero();
    }

    @Test
    void answersNothingForAQueryWhoseStartIsAfterItsEnd() throws IOException {
        load();
        Remote.ReadRequest req = Remote.ReadRequest.newBuilder()
                .addQueries(query(5000, 1000, matcher(Types.LabelMatcher.Type.EQ, "__name__", "up")))
                .build();

        RemoteReadResponse response = handler.handle(request(req));

        Remote.ReadResponse decoded = Remote.ReadResponse.parseFrom(Snappy.decompress(body(response)));
        assertThat(decoded.getResults(0).getTimeseriesCount()).isZero();
    }

    @Test
    void refusesWhenNoAcceptedResponseTypeIsSupported() throws IOException {
        Remote.ReadRequest req = Remote.ReadRequest.newBuilder()
                .addQueries(query(0, 1, matcher(Types.LabelMatcher.Type.EQ, "__name__", "up")))
                .addAcceptedResponseTypesValue(7)
                .build();

        RemoteReadResponse response = handler.handle(request(req));

        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("does not support any of the requested response types: [7]");
    }

    @Test
    void refusesAnInvalidRegex() throws IOException {
        Remote.ReadRequest req = Remote.ReadRequest.newBuilder()
                .addQueries(query(0, 1, matcher(Types.LabelMatcher.Type.RE, "__name__", "up(")))
                .build();

        RemoteReadResponse response = handler.handle(request(req));

        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("query 0", "invalid regular expression", "up(");
    }

    @Test
    void refusesMatchersThatSelectEverySeries() throws IOException {
        Remote.ReadRequest req = Remote.ReadRequest.newBuilder()
                .addQueries(query(0, 1, matcher(Types.LabelMatcher.Type.RE, "job", ".*")))
                .build();

        RemoteReadResponse response = handler.handle(request(req));

        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("query 0", "must not match the empty string");
    }

    @Test
    void refusesABodyThatIsNotSnappy() throws IOException {
        RemoteReadResponse response = handler.handle(RemoteReadRequest.of(
                "application/x-protobuf", "snappy", Remote.ReadRequest.getDefaultInstance().toByteArray()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("snappy");
    }

    @Test
    void refusesABodyThatIsNotAReadRequest() throws IOException {
        RemoteReadResponse response = handler.handle(
                RemoteReadRequest.of("application/x-protobuf", "snappy", Snappy.compress(new byte[] {0x0a, 0x05, 1})));

        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("not a valid prometheus.ReadRequest");
    }

    @Test
    void refusesAnotherContentEncoding() {
        RemoteReadResponse response = handler.handle(RemoteReadRequest.of("application/x-protobuf", "gzip", new byte[1]));

        assertThat(response.status()).isEqualTo(415);
    }

    @Test
    void refusesABodyOverTheLimit() {
        RemoteReadHandler small = new RemoteReadHandler(storage, new RemoteReadLimits(4, 1 << 20, 100, 1 << 20));

        assertThat(small.handle(RemoteReadRequest.of(null, null, new byte[5])).status()).isEqualTo(413);
    }

    @Test
    void refusesASamplesResultOverTheSampleLimit() throws IOException {
        load();
        RemoteReadHandler small = new RemoteReadHandler(storage, new RemoteReadLimits(1 << 20, 1 << 20, 15, 1 << 20));
        Remote.ReadRequest req = Remote.ReadRequest.newBuilder()
                .addQueries(query(0, 10_000, matcher(Types.LabelMatcher.Type.EQ, "__name__", "up")))
                .build();

        RemoteReadResponse response = small.handle(request(req));

        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("exceeded sample limit (15)");
    }

    @Test
    void passesHintsAndInclusiveBoundsToStorage() throws IOException {
        load();
        Remote.ReadRequest req = Remote.ReadRequest.newBuilder()
                .addQueries(query(3000, 3000, matcher(Types.LabelMatcher.Type.EQ, "__name__", "other")).toBuilder()
                        .setHints(Types.ReadHints.newBuilder().setStartMs(3000).setEndMs(3000).setStepMs(0).setFunc("rate")))
                .build();

        Remote.ReadResponse decoded = Remote.ReadResponse.parseFrom(Snappy.decompress(body(handler.handle(request(req)))));

        assertThat(decoded.getResults(0).getTimeseries(0).getSamplesList()).extracting(Types.Sample::getTimestamp)
                .containsExactly(3000L);
    }
}
