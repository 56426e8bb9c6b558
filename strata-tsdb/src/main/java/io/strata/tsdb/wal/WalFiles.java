package io.strata.tsdb.wal;

import java.nio.file.Path;

/**
 * Names of the entries of a WAL directory, in one place:
 *
 * <pre>
 * wal/
 *   00000007              segment 7 (8 decimal digits, more once numbers need them)
 *   00000008              the segment being written
 *   checkpoint.00000006/  records of segments up to 6 that a checkpoint kept, as segments 0, 1, ...
 *   checkpoint.00000009.tmp/   a checkpoint being written; removed at open if a crash left it
 *   probe.tmp             written and removed when an unhealthy WAL tests whether the disk has space
 * </pre>
 */
final class WalFiles {
    static final String CHECKPOINT_PREFIX = "checkpoint.";
    static final String TMP_SUFFIX = ".tmp";
    static final String PROBE_FILE = "probe.tmp";

    private WalFiles() {}

    static String segmentName(int number) {
        return String.format(java.util.Locale.ROOT, "%08d", number);
    }

    static Path segmentPath(Path dir, int number) {
        return dir.resolve(segmentName(number));
    }

    static String checkpointName(int throughSegment) {
        return CHECKPOINT_PREFIX + segmentName(throughSegment);
    }

    /** The segment number a file name stands for, or -1 when it is not a segment name. */
    static int parseSegment(String name) {
        return parseDigits(name, 0);
    }

    /** The segment a finished checkpoint directory covers, or -1 when the name is not one. */
    static int parseCheckpoint(String name) {
        if (!name.startsWith(CHECKPOINT_PREFIX)) {
            return -1;
        }
        return parseDigits(name, CHECKPOINT_PREFIX.length());
    }

    private static int parseDigits(String name, int from) {
        int length = name.length() - from;
        if (length < 8 || length > 10) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }
}
