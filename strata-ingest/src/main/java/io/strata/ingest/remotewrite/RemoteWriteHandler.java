package io.strata.ingest.remotewrite;

import io.strata.ingest.compress.SnappyBlock;
import io.strata.ingest.protobuf.MalformedProtobufException;
import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.storage.Appendable;
import io.strata.storage.Appender;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/write}: Prometheus remote write 1.0 and 2.0 into an {@link Appendable},
 * independent of the HTTP framework. Status codes follow Prometheus's receiver and the 2.0
 * specification:
 *
 * <pre>
 * 204  everything stored (exemplars, which are not stored yet, are counted and ignored)
 * 400  partial write: what was valid is stored; the body counts each reason with an example
 * 400  malformed snappy or protobuf, bad symbol table: nothing stored
 * 413  body or decompressed body over the limit: nothing stored
 * 415  unsupported Content-Type or Content-Encoding: nothing stored
 * 503  storage unavailable (commit failed): nothing stored, the sender retries
 * 500  another storage failure: nothing stored, the sender retries
 * </pre>
 *
 * For 2.0 requests every response after content negotiation carries
 * {@code X-Prometheus-Remote-Write-Samples-Written}, {@code -Histograms-Written} and
 * {@code -Exemplars-Written}; histograms and exemplars are always 0 until the storage holds them.
 * Every request uses one appender, committed once: a request-level failure found halfway through
 * decoding rolls back what was appended, so a malformed request stores nothing.
 *
 * <p>Thread-safe: per-request state lives in objects created per call.
 */
public final class RemoteWriteHandler {
    static final String SAMPLES_WRITTEN = "X-Prometheus-Remote-Write-Samples-Written";
    static final String HISTOGRAMS_WRITTEN = "X-Prometheus-Remote-Write-Histograms-Written";
    static final String EXEMPLARS_WRITTEN = "X-Prometheus-Remote-Write-Exemplars-Written";

    private static final Logger log = LoggerFactory.getLogger(RemoteWriteHandler.class);

    private final Appendable storage;
    private final IngestLimits limits;
    private final RejectionCounters counters;
    private final InstantSource clock;
    private final SnappyBlock snappy = new SnappyBlock();
    /** Storage refs by series key, shared by all requests; null when disabled. */
    private final SeriesCache seriesCache;

    /** A handler with a series cache of {@value SeriesCache#DEFAULT_CAPACITY} series. */
    public RemoteWriteHandler(
            Appendable storage, IngestLimits limits, RejectionCounters counters, InstantSource clock) {
        this(storage, limits, counters, clock, SeriesCache.DEFAULT_CAPACITY);
    }

    /**
     * @param seriesCacheCapacity series whose storage ref is remembered across requests, so that
     *     their samples skip label validation and the storage's label lookup (about 40 bytes of
     *     heap each when full); 0 disables the cache
     */
    public RemoteWriteHandler(Appendable storage, IngestLimits limits, RejectionCounters counters,
            InstantSource clock, int seriesCacheCapacity) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (seriesCacheCapacity < 0) {
            throw new IllegalArgumentException(
                    "series cache capacity must be 0 (off) or positive, got " + seriesCacheCapacity);
        }
        this.seriesCache = seriesCacheCapacity == 0 ? null : new SeriesCache(seriesCacheCapacity);
    }

    /** Series whose ref is cached now (0 without a cache). */
    public long cachedSeries() {
        return seriesCache == null ? 0 : seriesCache.size();
    }

    /** Approximate heap bytes of the series cache (0 without one). */
    public long seriesCacheBytes() {
        return seriesCache == null ? 0 : seriesCache.retainedBytes();
    }

    /**
     * Handles one request. Never throws for bad input: every problem becomes a 4xx response whose
     * body names it. Storage failures become 503 ({@link ErrorCode#UNAVAILABLE},
     * {@link ErrorCode#TIMEOUT}) or 500 (other {@link StrataException}s), with nothing stored.
     */
    public IngestResponse handle(RemoteWriteRequest request) {
        counters.recordRequest();
        RemoteWriteProtocol protocol;
        switch (RemoteWriteProtocol.negotiate(request.contentType())) {
            case RemoteWriteProtocol.Refused refused -> {
                return refuse(RejectionReason.UNSUPPORTED_CONTENT_TYPE, 415, refused.reason(), Map.of());
            }
            case RemoteWriteProtocol.Accepted accepted -> protocol = accepted.protocol();
        }
        Map<String, String> nothingWritten = writtenHeaders(protocol, 0);
        String encoding = request.contentEncoding();
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("snappy")) {
            return refuse(RejectionReason.UNSUPPORTED_CONTENT_TYPE, 415,
                    "unsupported Content-Encoding " + RemoteWriteProtocol.quote(encoding)
                            + "; remote write accepts snappy (block format)",
                    nothingWritten);
        }
        if (request.bodyLength() > limits.maxBodyBytes()) {
            return refuse(RejectionReason.BODY_TOO_LARGE, 413,
                    "request body too large: " + request.bodyLength() + " bytes, limit " + limits.maxBodyBytes()
                            + " (ingest.maxBodyBytes); send smaller batches",
                    nothingWritten);
        }
        byte[] decompressed;
        switch (snappy.decompress(
                request.body(), request.bodyLength(), limits.maxDecompressedBytes(), "ingest.maxDecompressedBytes")) {
            case SnappyBlock.Failed failed -> {
                return failed.tooLarge()
                        ? refuse(RejectionReason.BODY_TOO_LARGE, 413, failed.message(), nothingWritten)
                        : refuse(RejectionReason.MALFORMED_SNAPPY, 400, failed.message(), nothingWritten);
            }
            case SnappyBlock.Decompressed ok -> decompressed = ok.bytes();
        }
        return write(protocol, decompressed, nothingWritten);
    }

    private IngestResponse write(RemoteWriteProtocol protocol, byte[] body, Map<String, String> nothingWritten) {
        WriteReport report = new WriteReport();
        long maxTimestamp = saturatedAdd(clock.millis(), limits.maxFutureSkew().toMillis());
        Appender appender = storage.appender();
        boolean commitAttempted = false;
        try {
            SeriesWriter writer = new SeriesWriter(appender, limits, maxTimestamp, report, seriesCache);
            WriteRequestV2Decoder.Refusal refusal = null;
            switch (protocol) {
                case V1 -> new WriteRequestV1Decoder().decode(body, body.length, writer);
                case V2 -> refusal = new WriteRequestV2Decoder().decode(body, body.length, writer);
            }
            if (refusal != null) {
                appender.rollback();
                return refuse(refusal.reason(), 400, refusal.message(), nothingWritten);
            }
            commitAttempted = true;
            appender.commit();
        } catch (MalformedProtobufException e) {
            appender.rollback();
            return refuse(RejectionReason.MALFORMED_PROTOBUF, 400,
                    "body is not a valid " + protocol.messageName() + ": " + e.getMessage()
                            + " of the decompressed body; nothing was stored",
                    nothingWritten);
        } catch (StrataException e) {
            if (!commitAttempted) {
                appender.rollback();
            }
            return storageFailure(e, nothingWritten);
        } catch (RuntimeException | Error e) {
            if (!commitAttempted) {
                rollbackQuietly(appender, e);
            }
            throw e;
        }
        report.addTo(counters);
        Map<String, String> headers = writtenHeaders(protocol, report.samplesWritten());
        if (report.anyRejected()) {
            return IngestResponse.text(400, report.describe(), headers);
        }
        return IngestResponse.noContent(headers);
    }

    private static IngestResponse storageFailure(StrataException e, Map<String, String> headers) {
        boolean retryLater = e.code() == ErrorCode.UNAVAILABLE || e.code() == ErrorCode.TIMEOUT;
        int status = retryLater ? 503 : 500;
        log.warn("remote write not stored ({}): {}", status, e.getMessage());
        return IngestResponse.text(
                status, "remote write not stored, retry later: " + e.getMessage(), headers);
    }

    private static void rollbackQuietly(Appender appender, Throwable cause) {
        try {
            appender.rollback();
        } catch (RuntimeException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    private IngestResponse refuse(
            RejectionReason reason, int status, String message, Map<String, String> headers) {
        counters.recordRejected(reason, 1);
        log.debug("remote write refused ({}, {}): {}", status, reason.label(), message);
        return IngestResponse.text(status, message, headers);
    }

    /** The 2.0 written-count headers; 1.0 responses carry none, as Prometheus's do. */
    private static Map<String, String> writtenHeaders(RemoteWriteProtocol protocol, long samples) {
        if (protocol == RemoteWriteProtocol.V1) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SAMPLES_WRITTEN, Long.toString(samples));
        headers.put(HISTOGRAMS_WRITTEN, "0");
        headers.put(EXEMPLARS_WRITTEN, "0");
        return headers;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
