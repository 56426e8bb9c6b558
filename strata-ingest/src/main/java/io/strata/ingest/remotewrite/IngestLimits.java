package io.strata.ingest.remotewrite;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits applied to every remote-write request, each with a clear rejection when exceeded.
 *
 * @param maxLabelsPerSeries labels a series may carry, {@code __name__} included
 * @param maxLabelNameLength bytes of UTF-8 in one label name
 * @param maxLabelValueLength bytes of UTF-8 in one label value
 * @param maxBodyBytes bytes of the compressed request body; larger requests get 413 and store nothing
 * @param maxDecompressedBytes bytes the body may decompress to; checked against snappy's length
 *     header before anything is allocated
 * @param maxFutureSkew how far past the server's clock a sample's timestamp may lie
 * @param sortUnsortedLabels when false (the default) a series whose labels are not sorted by name
 *     is rejected, as both remote write specifications require sorted labels; when true it is
 *     sorted and stored, as Prometheus's own receiver does, for senders that relabel without
 *     re-sorting
 */
public record IngestLimits(
        int maxLabelsPerSeries,
        int maxLabelNameLength,
        int maxLabelValueLength,
        long maxBodyBytes,
        long maxDecompressedBytes,
        Duration maxFutureSkew,
        boolean sortUnsortedLabels) {

    public IngestLimits {
        requirePositive(maxLabelsPerSeries, "maxLabelsPerSeries");
        requirePositive(maxLabelNameLength, "maxLabelNameLength");
        requirePositive(maxLabelValueLength, "maxLabelValueLength");
        requirePositive(maxBodyBytes, "maxBodyBytes");
        requirePositive(maxDecompressedBytes, "maxDecompressedBytes");
        if (maxDecompressedBytes > Integer.MAX_VALUE - 8) {
            // Decompressed bodies live in one Java array.
            throw new IllegalArgumentException(
                    "maxDecompressedBytes must be below 2 GiB, got " + maxDecompressedBytes);
        }
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative, got " + maxFutureSkew);
        }
    }

    /** The limits with labels that must arrive sorted. */
    public IngestLimits(
            int maxLabelsPerSeries,
            int maxLabelNameLength,
            int maxLabelValueLength,
            long maxBodyBytes,
            long maxDecompressedBytes,
            Duration maxFutureSkew) {
        this(
                maxLabelsPerSeries,
                maxLabelNameLength,
                maxLabelValueLength,
                maxBodyBytes,
                maxDecompressedBytes,
                maxFutureSkew,
                false);
    }

    /**
     * Defaults: 64 labels (Kubernetes state metrics carry dozens; Mimir stops at 30), names of 1 KiB
     * and values of 4 KiB (VictoriaMetrics' value limit), 32 MiB compressed bodies (VictoriaMetrics'
     * {@code -maxInsertRequestSize}), 64 MiB decompressed (a Prometheus batch of 2000 samples is far
     * below 1 MiB; the cap bounds what one hostile request can make us allocate) and 10 minutes into
     * the future (Prometheus's receiver allows the same).
     */
    public static IngestLimits defaults() {
        return new IngestLimits(64, 1024, 4096, 32L << 20, 64L << 20, Duration.ofMinutes(10), false);
    }

    public IngestLimits withSortUnsortedLabels(boolean sort) {
        return new IngestLimits(
                maxLabelsPerSeries,
                maxLabelNameLength,
                maxLabelValueLength,
                maxBodyBytes,
                maxDecompressedBytes,
                maxFutureSkew,
                sort);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
