package io.strata.tsdb.wal;

/**
 * What {@link Wal#open} found at the end of the log: either nothing to repair, or a torn last
 * write that it cut off.
 *
 * @param repaired whether bytes were removed
 * @param segment the repaired segment, or -1 when clean
 * @param offset where the segment was truncated, or -1 when clean
 * @param bytesDropped how many bytes were removed (an incomplete or damaged last record)
 * @param problem what was wrong with the removed bytes, empty when clean
 */
public record WalRepairReport(boolean repaired, int segment, long offset, long bytesDropped, String problem) {
    private static final WalRepairReport CLEAN = new WalRepairReport(false, -1, -1, 0, "");

    public static WalRepairReport clean() {
        return CLEAN;
    }

    static WalRepairReport truncated(int segment, long offset, long bytesDropped, String problem) {
        return new WalRepairReport(true, segment, offset, bytesDropped, problem);
    }

    @Override
    public String toString() {
        if (!repaired) {
            return "WAL tail clean";
        }
        return "WAL tail repaired: segment " + WalFiles.segmentName(segment) + " truncated at offset " + offset
                + ", " + bytesDropped + " bytes of an incomplete last write dropped (" + problem + ")";
    }
}
