package io.strata.encoding;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;

/**
 * Encoded bytes that cannot be what an encoder of this module wrote: a bad header, a length
 * pointing outside the data, a bit stream that ends early, a checksum mismatch. Carries the
 * byte offset (relative to the start of the chunk or stream) where the problem was found, so
 * callers can add file and position context before reporting it.
 */
public final class CorruptChunkException extends StrataException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public CorruptChunkException(String problem, long offset) {
        super(ErrorCode.INTERNAL, "corrupt chunk: " + problem + " [offset=" + offset + "]");
        this.offset = offset;
    }

    /** Byte offset of the problem, relative to the start of the chunk (or stream) being decoded. */
    public long offset() {
        return offset;
    }
}
