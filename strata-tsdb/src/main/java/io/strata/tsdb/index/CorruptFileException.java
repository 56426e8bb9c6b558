package io.strata.tsdb.index;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import java.nio.file.Path;

/**
 * A storage file does not hold what its format promises: bad magic, unknown version, checksum
 * mismatch, or a structure that points outside its section. Carries the file and the byte offset
 * where the problem was seen (Prometheus {@code CorruptionErr}, Lucene
 * {@code CorruptIndexException}). Corruption is never repaired silently: the caller decides
 * whether to stop, or to move the block away.
 */
public final class CorruptFileException extends StrataException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long offset;

    public CorruptFileException(Path file, long offset, String problem) {
        this(file, offset, problem, null);
    }

    public CorruptFileException(Path file, long offset, String problem, Throwable cause) {
        super(ErrorCode.INTERNAL, "corrupt file: " + problem + " [file=" + file + ", offset=" + offset + "]", cause);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    /** Byte offset in {@link #file()} where the problem was detected; -1 when it concerns the whole file. */
    public long offset() {
        return offset;
    }
}
