package io.strata.tsdb.wal;

import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a closed segment's records end, checked against what the next segment's header recorded
 * when it was created (format in {@code docs/format/wal.md}, "Segment chain").
 *
 * <p>Frames alone cannot tell a segment that lost whole frames at its end from one that a
 * rotation closed early. The next segment can: its header holds the length its predecessor had
 * when it was created. With the predecessor's file size {@code S} and that length {@code L}:
 *
 * <pre>
 *   L == 0   nothing to check (see WalFormat.NO_PREVIOUS_SEGMENT)   read to S
 *   S == L   the segment is whole                                   read to S
 *   S &lt; L    records are missing: corruption at offset S             CorruptWalException
 *   S &gt; L    the segment's fsync failed at L: the bytes after it were
 *            rewritten into the next segment (or never acknowledged)
 *            and cutting them off failed or a crash came first        read to L
 * </pre>
 *
 * Used by {@link Wal#replay} and by {@link WalCheckpointer} for every segment that has a
 * successor in the same run (WAL segments after the checkpoint; the segments inside one
 * checkpoint directory), so that the two cannot disagree about where a segment ends.
 */
final class SegmentChain {
    private SegmentChain() {}

    /**
     * The offset up to which segment {@code number} in {@code dir} holds records of the log.
     *
     * @param hasSuccessor whether segment {@code number + 1} exists in the same run; without one
     *     the file size is returned unchecked
     * @throws CorruptWalException when the successor's header is damaged, or records that the
     *     segment was longer than it is
     */
    static long readableEnd(StorageFiles files, Path dir, int number, boolean hasSuccessor) throws IOException {
        Path path = WalFiles.segmentPath(dir, number);
        long size = files.size(path);
        if (!hasSuccessor) {
            return size;
        }
        int next = number + 1;
        long recorded = SegmentReader.readPreviousSegmentLength(files, WalFiles.segmentPath(dir, next), next);
        if (recorded == WalFormat.NO_PREVIOUS_SEGMENT || recorded == size) {
            return size;
        }
        if (size < recorded) {
            throw new CorruptWalException(path, number, size, "segment " + WalFiles.segmentName(number) + " ends at byte "
                    + size + " but segment " + WalFiles.segmentName(next) + " records that it ended at byte " + recorded
                    + ": " + (recorded - size) + " bytes of records are missing");
        }
        return recorded;
    }
}
