package io.strata.tsdb.wal;

import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a WAL directory holds, read from one listing: segments, checkpoints and leftovers. */
final class WalDirectory {
    final Path dir;
    /** Segment numbers, ascending. */
    final List<Integer> segments = new ArrayList<>();
    /** Finished checkpoints by the segment they cover, ascending; the last is the one replay uses. */
    final List<Integer> checkpoints = new ArrayList<>();
    /** Unfinished checkpoints and probe files a crash left behind. */
    final List<Path> leftovers = new ArrayList<>();

    private WalDirectory(Path dir) {
        this.dir = dir;
    }

    static WalDirectory read(StorageFiles files, Path dir) throws IOException {
        WalDirectory d = new WalDirectory(dir);
        for (Path entry : files.list(dir)) {
            String name = entry.getFileName().toString();
            int segment = WalFiles.parseSegment(name);
            int checkpoint = WalFiles.parseCheckpoint(name);
            if (segment >= 0) {
                d.segments.add(segment);
            } else if (checkpoint >= 0) {
                d.checkpoints.add(checkpoint);
            } else if (name.endsWith(WalFiles.TMP_SUFFIX)) {
                d.leftovers.add(entry);
            }
        }
        d.segments.sort(null);
        d.checkpoints.sort(null);
        return d;
    }

    /** The segment covered by the newest checkpoint, or -1 without one. */
    int latestCheckpoint() {
        return checkpoints.isEmpty() ? -1 : checkpoints.getLast();
    }

    Path checkpointDir(int throughSegment) {
        return dir.resolve(WalFiles.checkpointName(throughSegment));
    }

    /** Segments after {@code after}, checked to be consecutive (a gap means lost records). */
    List<Integer> segmentsAfter(int after) throws CorruptWalException {
        List<Integer> result = new ArrayList<>();
        for (int segment : segments) {
            if (segment > after) {
                if (!result.isEmpty() && segment != result.getLast() + 1) {
                    int missing = result.getLast() + 1;
                    throw new CorruptWalException(WalFiles.segmentPath(dir, missing), missing, 0,
                            "WAL segment " + WalFiles.segmentName(missing) + " is missing between "
                                    + WalFiles.segmentName(result.getLast()) + " and " + WalFiles.segmentName(segment));
                }
                result.add(segment);
            }
        }
        return result;
    }
}
