package io.strata.ingest.remoteread;

import com.google.protobuf.UnsafeByteOperations;
import io.strata.encoding.prometheus.PrometheusXorChunk;
import io.strata.ingest.prompb.Remote;
import io.strata.ingest.prompb.Types;
import io.strata.storage.Querier;
import io.strata.storage.Queryable;
import io.strata.storage.SampleCursor;
import io.strata.storage.Series;
import io.strata.storage.SeriesSet;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The STREAMED_XOR_CHUNKS response type: series after series, sorted by labels as Prometheus's
 * client expects, each cut into Prometheus XOR chunks of at most {@value #SAMPLES_PER_CHUNK}
 * samples (the size Prometheus's head cuts) and sent in frames of about
 * {@link RemoteReadLimits#maxBytesInFrame()} bytes:
 *
 * <pre>
 * frame = ChunkedReadResponse { chunked_series: [ { labels, chunks: [...] } ], query_index }
 * </pre>
 *
 * A frame never mixes series; a long series spans several frames, each repeating its labels, and
 * once a series is finished no later frame returns to it. A frame closes after the chunk that
 * brings it to the byte budget, so it may exceed the budget by one chunk (as in Prometheus).
 * Memory stays bounded by one frame whatever the result size. The queries run inside
 * {@link #writeBody}, in request order.
 */
final class StreamedChunksResponse implements RemoteReadResponse {
    static final int SAMPLES_PER_CHUNK = 120;

    private final Queryable storage;
    private final List<ReadQuery> queries;
    private final int maxBytesInFrame;
    private final Map<String, String> headers;

    StreamedChunksResponse(Queryable storage, List<ReadQuery> queries, int maxBytesInFrame) {
        this.storage = storage;
        this.queries = queries;
        this.maxBytesInFrame = maxBytesInFrame;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", RemoteReadHandler.STREAMED_CONTENT_TYPE);
        this.headers = Collections.unmodifiableMap(h);
    }

    @Override
    public int status() {
        return 200;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public void writeBody(OutputStream out) throws IOException {
        ChunkedFrameWriter frames = new ChunkedFrameWriter(out);
        PrometheusXorChunk chunk = new PrometheusXorChunk();
        SampleCursor cursor = null;
        for (ReadQuery query : queries) {
            if (query.isEmptyRange()) {
                continue;
            }
            try (Querier querier = storage.querier(query.start(), query.end())) {
                SeriesSet set = querier.select(true, query.hints(), query.matchers());
                while (set.next()) {
                    Series series = set.at();
                    cursor = series.cursor(cursor);
                    writeSeries(frames, query.index(), labels(series), cursor, chunk);
                }
            }
        }
        out.flush();
    }

    private void writeSeries(
            ChunkedFrameWriter frames, int queryIndex, List<Types.Label> labels, SampleCursor cursor,
            PrometheusXorChunk chunk) throws IOException {
        int labelBytes = 0;
        for (Types.Label l : labels) {
            labelBytes += l.getSerializedSize();
        }
        int budget = maxBytesInFrame - labelBytes;
        int frameBytesLeft = budget;
        List<Types.Chunk> pending = new ArrayList<>();
        chunk.reset();
        for (int kind = cursor.next(); kind != SampleCursor.NONE; kind = cursor.next()) {
            if (kind != SampleCursor.FLOAT) {
                continue; // no storage produces histograms yet
            }
            chunk.append(cursor.timestamp(), cursor.value());
            if (chunk.numSamples() < SAMPLES_PER_CHUNK) {
                continue;
            }
            frameBytesLeft -= cut(chunk, pending);
            if (frameBytesLeft <= 0) {
                frames.write(frame(queryIndex, labels, pending));
                pending.clear();
                frameBytesLeft = budget;
            }
        }
        if (chunk.numSamples() > 0) {
            cut(chunk, pending);
        }
        if (!pending.isEmpty()) {
            frames.write(frame(queryIndex, labels, pending));
        }
    }

    /** Moves the chunk being built into {@code pending}; returns its encoded size. */
    private static int cut(PrometheusXorChunk chunk, List<Types.Chunk> pending) {
        Types.Chunk c = Types.Chunk.newBuilder()
                .setMinTimeMs(chunk.minTime())
                .setMaxTimeMs(chunk.maxTime())
                .setType(Types.Chunk.Encoding.XOR)
                .setData(UnsafeByteOperations.unsafeWrap(chunk.bytes())) // bytes() is a fresh copy
                .build();
        pending.add(c);
        chunk.reset();
        return c.getSerializedSize();
    }

    private static byte[] frame(int queryIndex, List<Types.Label> labels, List<Types.Chunk> chunks) {
        return Remote.ChunkedReadResponse.newBuilder()
                .addChunkedSeries(Types.ChunkedSeries.newBuilder().addAllLabels(labels).addAllChunks(chunks))
                .setQueryIndex(queryIndex)
                .build()
                .toByteArray();
    }

    private static List<Types.Label> labels(Series series) {
        List<Types.Label> out = new ArrayList<>();
        series.labels().forEach((name, value) -> out.add(Types.Label.newBuilder().setName(name).setValue(value).build()));
        return out;
    }
}
