package io.strata.ingest.remoteread;

/**
 * Limits of remote read, with Prometheus's defaults.
 *
 * @param maxRequestBytes compressed request body (Prometheus reads at most 32 MiB)
 * @param maxDecompressedBytes decompressed request body
 * @param maxSamples samples one SAMPLES response may hold across its queries
 *     ({@code --storage.remote.read-sample-limit}, 5e7); streamed responses are bounded per frame
 *     instead, since they never hold the whole result
 * @param maxBytesInFrame target size of one STREAMED_XOR_CHUNKS frame
 *     ({@code --storage.remote.read-max-bytes-in-frame}, 1 MiB); a frame may exceed it by one chunk
 */
public record RemoteReadLimits(long maxRequestBytes, long maxDecompressedBytes, long maxSamples, int maxBytesInFrame) {
    public RemoteReadLimits {
        if (maxRequestBytes <= 0 || maxDecompressedBytes <= 0 || maxSamples <= 0 || maxBytesInFrame <= 0) {
            throw new IllegalArgumentException("remote read limits must be positive: " + maxRequestBytes + ", "
                    + maxDecompressedBytes + ", " + maxSamples + ", " + maxBytesInFrame);
        }
        if (maxDecompressedBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxDecompressedBytes must be below 2 GiB, got " + maxDecompressedBytes);
        }
    }

    public static RemoteReadLimits defaults() {
        return new RemoteReadLimits(32L << 20, 64L << 20, 50_000_000L, 1 << 20);
    }
}
