/**
 * Prometheus remote read ({@code POST /api/v1/read}) over an {@link io.strata.storage.Queryable},
 * independent of the HTTP framework: the SAMPLES response type (one snappy-compressed
 * {@code ReadResponse}) and STREAMED_XOR_CHUNKS (CRC32C-checked frames of Prometheus XOR chunks),
 * so a Prometheus server can use Strata as remote storage. Entry point:
 * {@link io.strata.ingest.remoteread.RemoteReadHandler}.
 */
package io.strata.ingest.remoteread;
