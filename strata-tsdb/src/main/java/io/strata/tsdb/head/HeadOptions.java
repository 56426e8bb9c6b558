package io.strata.tsdb.head;

import io.strata.tsdb.fs.StorageFiles;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * Settings of a {@link Head}; the TSDB derives them from its own options.
 *
 * @param dir directory for the head's chunk files ({@code chunks_head} is created inside)
 * @param files all file access
 * @param blockDurationMillis chunks never cross a multiple of this
 * @param outOfOrderWindowMillis how far behind its series' newest sample a sample may be
 * @param retentionMillis samples older than {@code now - retention} are {@code TOO_OLD}
 * @param maxFutureSkewMillis samples newer than {@code now + skew} are {@code TOO_FAR_IN_FUTURE}
 * @param maxSeries series limit, 0 for none
 * @param chunkSegmentBytes size of each head chunk file
 * @param clock time source
 */
public record HeadOptions(
        Path dir,
        StorageFiles files,
        long blockDurationMillis,
        long outOfOrderWindowMillis,
        long retentionMillis,
        long maxFutureSkewMillis,
        long maxSeries,
        long chunkSegmentBytes,
        InstantSource clock) {

    /** 128 MiB: few files, and a file is deleted soon after the head moves past it. */
    public static final long DEFAULT_CHUNK_SEGMENT_BYTES = 128L << 20;
}
