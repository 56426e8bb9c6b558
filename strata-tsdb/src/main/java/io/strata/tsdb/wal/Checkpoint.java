package io.strata.tsdb.wal;

import java.nio.file.Path;

/**
 * A finished checkpoint: the kept records of every segment up to {@code throughSegment}, which
 * replay reads before the segments after it.
 *
 * @param throughSegment the last segment the checkpoint covers (it and all before were deleted)
 * @param directory the checkpoint directory
 * @param seriesKept series entries written
 * @param samplesKept samples written
 * @param tombstonesKept tombstone entries written
 * @param metadataKept metric families with metadata written
 * @param entriesDropped entries of all types the filter dropped (metadata superseded by a later
 *     entry of the same family included)
 */
public record Checkpoint(int throughSegment, Path directory, long seriesKept, long samplesKept,
        long tombstonesKept, long metadataKept, long entriesDropped) {}
