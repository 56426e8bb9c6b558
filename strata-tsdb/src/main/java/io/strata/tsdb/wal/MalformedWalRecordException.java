package io.strata.tsdb.wal;

/**
 * A record's bytes do not follow the record format (unknown type, truncated field, impossible
 * count). {@link Wal#replay} turns it into a {@link CorruptWalException} with the file position.
 */
public final class MalformedWalRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedWalRecordException(String message) {
        super(message);
    }
}
