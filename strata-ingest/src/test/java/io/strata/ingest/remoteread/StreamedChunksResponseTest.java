package io.strata.ingest.remoteread;

import static io.strata.ingest.remoteread.RemoteReadHandlerTest.body;
import static io.strata.ingest.remoteread.RemoteReadHandlerTest.matcher;
import static io.strata.ingest.remoteread.RemoteReadHandlerTest.query;
import static io.strata.ingest.remoteread.RemoteReadHandlerTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.encoding.prometheus.PrometheusXorChunk;
import io.strata.ingest.prompb.Remote;
import io.strata.ingest.prompb.Types;
import io.strata.ingest.support.InMemoryStorage;
import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.storage.SampleCursor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamedChunksResponseTest {
    private final InMemoryStorage storage = new InMemoryStorage();

    static Remote.ReadRequest streamed(Remote.Query... queries) {
        return Remote.ReadRequest.newBuilder()
                .addAllQueries(List.of(queries))
                .addAcceptedResponseTypes(Remote.ReadRequest.ResponseType.STREAMED_XOR_CHUNKS)
                .addAcceptedResponseTypes(Remote.ReadRequest.ResponseType.SAMPLES)
                .build();
    }

    /** Decoded samples of one chunk, as (timestamp, value) pairs. */
    static List<double[]> decode(Types.Chunk chunk) {
        assertThat(chunk.getType()).isEqualTo(Types.Chunk.Encoding.XOR);
        List<double[]> out = new ArrayList<>();
        SampleCursor c = PrometheusXorChunk.cursor(chunk.getData().toByteArray());
        while (c.next() == SampleCursor.FLOAT) {
            out.add(new double[] {c.timestamp(), c.value()});
        }
        assertThat(out).isNotEmpty();
        assertThat((long) out.getFirst()[0]).isEqualTo(chunk.getMinTimeMs());
        assertThat((long) out.getLast()[0]).isEqualTo(chunk.getMaxTimeMs());
        return out;
    }

    static String labelsOf(Types.ChunkedSeries s) {
        StringBuilder sb = new StringBuilder();
        s.getLabelsList().forEach(l -> sb.append(l.getName()).append('=').append(l.getValue()).append(','));
        return sb.toString();
    }

    @Test
    void streamsSortedSeriesAsXorChunksInCheckedFrames() throws IOException {
        for (int i = 0; i < 300; i++) {
            storage.put(Labels.of("__name__", "up", "job", "b"), 15_000L * i, i);
            storage.put(Labels.of("__name__", "up", "job", "a"), 15_000L * i + 7, -i * 0.5);
        }
        RemoteReadHandler handler = new RemoteReadHandler(storage, RemoteReadLimits.defaults());

        RemoteReadResponse response = handler.handle(request(streamed(
                query(0, Long.MAX_VALUE, matcher(Types.LabelMatcher.Type.EQ, "__name__", "up")))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsExactly(Map.entry(
                "Content-Type", "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse"));
        List<Remote.ChunkedReadResponse> frames = StreamedFrames.parse(body(response));
        assertThat(frames).hasSize(2).allSatisfy(f -> {
            assertThat(f.getQueryIndex()).isZero();
            assertThat(f.getChunkedSeriesCount()).isEqualTo(1);
        });
        assertThat(labelsOf(frames.get(0).getChunkedSeries(0))).isEqualTo("__name__=up,job=a,");
        assertThat(labelsOf(frames.get(1).getChunkedSeries(0))).isEqualTo("__name__=up,job=b,");
        Types.ChunkedSeries a = frames.get(0).getChunkedSeries(0);
        assertThat(a.getChunksList()).extracting(c -> decode(c).size()).containsExactly(120, 120, 60);
        List<double[]> samples = new ArrayList<>();
        a.getChunksList().forEach(c -> samples.addAll(decode(c)));
        for (int i = 0; i < 300; i++) {
            assertThat(samples.get(i)).containsExactly(15_000.0 * i + 7, -i * 0.5);
        }
    }

    @Test
    void splitsALongSeriesOverFramesOfAboutTheByteBudget() throws IOException {
        Labels labels = Labels.of("__name__", "long_series", "job", "x");
        for (int i = 0; i < 5000; i++) {
            storage.put(labels, 1000L * i, Math.sin(i));
        }
        storage.put(Labels.of("__name__", "long_series", "job", "y"), 0, 1);
        int budget = 2048;
        RemoteReadHandler handler = new RemoteReadHandler(storage, new RemoteReadLimits(1 << 20, 1 << 20, 1000, budget));

        List<Remote.ChunkedReadResponse> frames = StreamedFrames.parse(body(handler.handle(request(streamed(
                query(0, Long.MAX_VALUE, matcher(Types.LabelMatcher.Type.EQ, "__name__", "long_series")))))));

        assertThat(frames.size()).isGreaterThan(2);
        List<double[]> samples = new ArrayList<>();
        int maxChunk = 0;
        for (Remote.ChunkedReadResponse f : frames.subList(0, frames.size() - 1)) {
            Types.ChunkedSeries s = f.getChunkedSeries(0);
            assertThat(labelsOf(s)).isEqualTo("__name__=long_series,job=x,");
            int largestChunk = s.getChunksList().stream().mapToInt(Types.Chunk::getSerializedSize).max().orElseThrow();
            maxChunk = Math.max(maxChunk, largestChunk);
            assertThat(f.getSerializedSize()).isLessThanOrEqualTo(budget + largestChunk + 16);
            s.getChunksList().forEach(c -> samples.addAll(decode(c)));
        }
        assertThat(samples).hasSize(5000);
        for (int i = 0; i < 5000; i++) {
            assertThat(samples.get(i)[1]).isEqualTo(Math.sin(i));
        }
        assertThat(labelsOf(frames.getLast().getChunkedSeries(0))).isEqualTo("__name__=long_series,job=y,");
    }

    @Test
    void tagsFramesWithTheirQueryIndex() throws IOException {
        storage.put(Labels.of("__name__", "a"), 1, 1);
        storage.put(Labels.of("__name__", "b"), 2, 2);
        RemoteReadHandler handler = new RemoteReadHandler(storage, RemoteReadLimits.defaults());

        List<Remote.ChunkedReadResponse> frames = StreamedFrames.parse(body(handler.handle(request(streamed(
                query(0, 10, matcher(Types.LabelMatcher.Type.EQ, "__name__", "b")),
                query(0, 10, matcher(Types.LabelMatcher.Type.EQ, "__name__", "nothing")),
                query(0, 10, matcher(Types.LabelMatcher.Type.EQ, "__name__", "a")))))));

        assertThat(frames).extracting(Remote.ChunkedReadResponse::getQueryIndex).containsExactly(0L, 2L);
        assertThat(decode(frames.get(1).getChunkedSeries(0).getChunks(0))).singleElement()
                .satisfies(s -> assertThat(s).containsExactly(1.0, 1.0));
    }

    @Test
    void picksTheFirstSupportedTypeInTheClientsOrder() {
        storage.put(Labels.of("__name__", "a"), 1, 1);
        RemoteReadHandler handler = new RemoteReadHandler(storage, RemoteReadLimits.defaults());
        Remote.Query q = query(0, 10, matcher(Types.LabelMatcher.Type.EQ, "__name__", "a"));

        RemoteReadResponse samplesFirst = handler.handle(request(Remote.ReadRequest.newBuilder().addQueries(q)
                .addAcceptedResponseTypes(Remote.ReadRequest.ResponseType.SAMPLES)
                .addAcceptedResponseTypes(Remote.ReadRequest.ResponseType.STREAMED_XOR_CHUNKS)
                .build()));
        RemoteReadResponse unknownThenStreamed = handler.handle(request(Remote.ReadRequest.newBuilder().addQueries(q)
                .addAcceptedResponseTypesValue(9)
                .addAcceptedResponseTypes(Remote.ReadRequest.ResponseType.STREAMED_XOR_CHUNKS)
                .build()));

        assertThat(samplesFirst.headers()).containsEntry("Content-Type", "application/x-protobuf");
        assertThat(unknownThenStreamed.headers()).containsEntry("Content-Type", RemoteReadHandler.STREAMED_CONTENT_TYPE);
    }

    @Test
    void aStorageFailureWhileStreamingBreaksTheBodyInsteadOfEndingItCleanly() throws IOException {
        storage.put(Labels.of("__name__", "a"), 1, 1);
        int[] calls = {0};
        RemoteReadHandler handler = new RemoteReadHandler((min, max) -> {
            if (calls[0]++ == 1) {
                throw new StrataException(ErrorCode.UNAVAILABLE, "block unreadable");
            }
            return storage.querier(min, max);
        }, RemoteReadLimits.defaults());
        RemoteReadResponse response = handler.handle(request(streamed(
                query(0, 10, matcher(Types.LabelMatcher.Type.EQ, "__name__", "a")),
                query(0, 10, matcher(Types.LabelMatcher.Type.EQ, "__name__", "a")))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> response.writeBody(out)).isInstanceOf(StrataException.class).hasMessage("block unreadable");
        assertThat(StreamedFrames.parse(out.toByteArray())).hasSize(1);
    }

    @Test
    void aQueryWithoutMatchesWritesNoFrames() throws IOException {
        RemoteReadHandler handler = new RemoteReadHandler(storage, RemoteReadLimits.defaults());

        RemoteReadResponse response = handler.handle(request(streamed(
                query(0, 10, matcher(Types.LabelMatcher.Type.EQ, "__name__", "nothing")))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(body(response)).isEmpty();
    }
}
