package io.strata.bench.write;

/**
 * A snappy-compressed remote-write body, {@code body[0 .. length)}, ready to POST.
 *
 * @param samples samples in the request, counted as sent once the receiver answers 2xx
 * @param firstTimestamp the earliest sample time in the request, used to keep connections in step
 */
record EncodedRequest(byte[] body, int length, int samples, long firstTimestamp) {}
