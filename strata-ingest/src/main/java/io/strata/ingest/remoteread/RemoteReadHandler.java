package io.strata.ingest.remoteread;

import com.google.protobuf.InvalidProtocolBufferException;
import io.strata.ingest.compress.SnappyBlock;
import io.strata.ingest.prompb.Remote;
import io.strata.model.StrataException;
import io.strata.storage.Queryable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /api/v1/read}: Prometheus remote read, so a Prometheus server can use Strata as
 * remote storage. Independent of the HTTP framework.
 *
 * <p>The request is a snappy-compressed {@code prometheus.ReadRequest}; its
 * {@code accepted_response_types} are tried in order and the first one supported answers
 * (none listed means SAMPLES):
 *
 * <pre>
 * SAMPLES              200, Content-Type: application/x-protobuf, Content-Encoding: snappy,
 *                      body: snappy block of one ReadResponse with raw samples
 * STREAMED_XOR_CHUNKS  200, Content-Type: application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse,
 *                      body: frames of uvarint length, CRC32C (big-endian) and a ChunkedReadResponse
 * </pre>
 *
 * Errors are plain text: 400 for a malformed request, an unsupported response type, an invalid
 * matcher or the sample limit; 413 for a body over the limit; 415 for a Content-Encoding other
 * than snappy; storage failures map by {@link io.strata.model.ErrorCode}. Series are not given
 * external labels (Strata has none). Thread-safe.
 */
public final class RemoteReadHandler {
    static final String SAMPLES_CONTENT_TYPE = "application/x-protobuf";
    static final String STREAMED_CONTENT_TYPE = "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse";

    private final Queryable storage;
    private final RemoteReadLimits limits;
    private final SnappyBlock snappy = new SnappyBlock();

    public RemoteReadHandler(Queryable storage, RemoteReadLimits limits) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Decodes and validates the request, and for SAMPLES runs the queries. Never throws for bad
     * input; see {@link RemoteReadResponse} for when the streamed body may still fail.
     */
    public RemoteReadResponse handle(RemoteReadRequest request) {
        String encoding = request.contentEncoding();
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("snappy")) {
            return BufferedResponse.error(415, "unsupported Content-Encoding \"" + encoding
                    + "\"; remote read requests are snappy block format");
        }
        if (request.bodyLength() > limits.maxRequestBytes()) {
            return BufferedResponse.error(413, "remote read request too large: " + request.bodyLength()
                    + " bytes, limit " + limits.maxRequestBytes());
        }
        byte[] raw;
        switch (snappy.decompress(request.body(), request.bodyLength(), limits.maxDecompressedBytes(),
                "remote read maxDecompressedBytes")) {
            case SnappyBlock.Failed failed -> {
                return BufferedResponse.error(failed.tooLarge() ? 413 : 400, failed.message());
            }
            case SnappyBlock.Decompressed ok -> raw = ok.bytes();
        }
        Remote.ReadRequest readRequest;
        List<ReadQuery> queries;
        try {
            readRequest = Remote.ReadRequest.parseFrom(raw);
            queries = ReadQuery.fromRequest(readRequest);
        } catch (InvalidProtocolBufferException e) {
            return BufferedResponse.error(400, "body is not a valid prometheus.ReadRequest: " + e.getMessage());
        } catch (ReadQuery.InvalidQueryException e) {
            return BufferedResponse.error(400, e.getMessage());
        }
        Remote.ReadRequest.ResponseType type = negotiate(readRequest.getAcceptedResponseTypesList());
        if (type == null) {
            return BufferedResponse.error(400, "server does not support any of the requested response types: "
                    + readRequest.getAcceptedResponseTypesValueList() + "; supported: [SAMPLES, STREAMED_XOR_CHUNKS]");
        }
        return switch (type) {
            case SAMPLES -> samples(queries);
            case STREAMED_XOR_CHUNKS -> new StreamedChunksResponse(storage, queries, limits.maxBytesInFrame());
            case UNRECOGNIZED -> throw new IllegalStateException("BUG: negotiated an unrecognized response type");
        };
    }

    private RemoteReadResponse samples(List<ReadQuery> queries) {
        try {
            byte[] body = SamplesResponse.run(storage, queries, limits.maxSamples());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", SAMPLES_CONTENT_TYPE);
            headers.put("Content-Encoding", "snappy");
            return new BufferedResponse(200, headers, body);
        } catch (SamplesResponse.SampleLimitExceededException e) {
            return BufferedResponse.error(400, e.getMessage());
        } catch (StrataException e) {
            return BufferedResponse.error(statusOf(e), "remote read failed: " + e.getMessage());
        }
    }

    /** The first accepted type this server supports; an empty list means SAMPLES. */
    static Remote.ReadRequest.ResponseType negotiate(List<Remote.ReadRequest.ResponseType> accepted) {
        if (accepted.isEmpty()) {
            return Remote.ReadRequest.ResponseType.SAMPLES;
        }
        for (Remote.ReadRequest.ResponseType t : accepted) {
            if (t != Remote.ReadRequest.ResponseType.UNRECOGNIZED) {
                return t;
            }
        }
        return null;
    }

    static int statusOf(StrataException e) {
        return switch (e.code()) {
            case BAD_DATA -> 400;
            case EXECUTION -> 422;
            case TIMEOUT, UNAVAILABLE -> 503;
            case CANCELED -> 499;
            case NOT_FOUND -> 404;
            case INTERNAL -> 500;
        };
    }
}
