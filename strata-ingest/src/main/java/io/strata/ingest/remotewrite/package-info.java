/**
 * Prometheus remote write 1.0 and 2.0 ({@code POST /api/v1/write}) into an
 * {@link io.strata.storage.Appendable}, independent of the HTTP framework.
 *
 * <p>Entry point: {@link io.strata.ingest.remotewrite.RemoteWriteHandler}. The path of a request:
 *
 * <pre>
 * Content-Type  -> RemoteWriteProtocol (V1 | V2 | 415)
 * body          -> size limit (413) -> SnappyBlock (length header checked before allocating; 400/413)
 * protobuf      -> WriteRequestV1Decoder | WriteRequestV2Decoder (hand-written, two passes per series)
 * each series   -> SeriesKey (128-bit hash of its wire labels) -> SeriesCache hit: Appender.appendByRef
 *                  miss or stale ref: RawLabels validated in place, Labels built, samples appended,
 *                  the storage ref cached
 * each outcome  -> WriteReport (counts + first example per RejectionReason) -> IngestResponse
 *                  and RejectionCounters (/metrics)
 * </pre>
 *
 * A request refused as a whole (content type, size, snappy, protobuf, symbol table) stores
 * nothing: the one appender of the request is rolled back. Anything else stores every valid
 * sample and answers 400 with a per-reason summary when something was rejected.
 */
package io.strata.ingest.remotewrite;
