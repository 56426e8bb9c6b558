package io.strata.tsdb.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The WAL holds damaged bytes somewhere other than its torn tail, so replaying past them would
 * silently lose acknowledged records. Carries the file, segment and byte offset of the damage.
 */
public final class CorruptWalException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int segment;
    private final long offset;

    public CorruptWalException(Path file, int segment, long offset, String problem) {
        this(file, segment, offset, problem, null);
    }

    public CorruptWalException(Path file, int segment, long offset, String problem, Throwable cause) {
        super(problem + " [file=" + file + ", segment=" + segment + ", offset=" + offset
                + "]; the WAL cannot be replayed past this point: move the damaged file aside to start"
                + " without the records from this offset on", cause);
        this.file = file;
        this.segment = segment;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public int segment() {
        return segment;
    }

    /** Byte offset of the damaged frame (or header) inside the file. */
    public long offset() {
        return offset;
    }
}
