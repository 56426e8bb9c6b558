package io.strata.tsdb.retention;

/**
 * How long and how much block data to keep.
 *
 * @param maxAgeMillis blocks whose newest sample is older than now minus this are deleted; 0 keeps
 *     data forever
 * @param maxBytes the oldest blocks are deleted until the blocks (plus whatever the caller counts
 *     besides, such as the WAL) fit in this many bytes; 0 sets no limit
 */
public record RetentionPolicy(long maxAgeMillis, long maxBytes) {
    public RetentionPolicy {
        if (maxAgeMillis < 0 || maxBytes < 0) {
            throw new IllegalArgumentException(
                    "retention must not be negative, got maxAge " + maxAgeMillis + " ms and maxBytes " + maxBytes);
        }
    }

    public static RetentionPolicy byTime(long maxAgeMillis) {
        return new RetentionPolicy(maxAgeMillis, 0);
    }

    public static RetentionPolicy bySize(long maxBytes) {
        return new RetentionPolicy(0, maxBytes);
    }
}
