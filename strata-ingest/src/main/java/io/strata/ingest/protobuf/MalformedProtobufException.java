package io.strata.ingest.protobuf;

/**
 * The input is not valid protobuf wire format: a truncated field, a length running past its
 * message, a varint longer than 64 bits, a deprecated group, or a field with the wrong wire type.
 *
 * <p>This is the one internal exception of the hand-written decoders (STYLE section 12): it is
 * thrown at most once per request, caught at the request boundary and turned into a 400, so it
 * carries no stack trace. {@link #offset()} is the byte offset in the decoded buffer.
 */
public final class MalformedProtobufException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int offset;

    public MalformedProtobufException(String problem, int offset) {
        super(problem + " at byte offset " + offset, null, false, false);
        this.offset = offset;
    }

    /** Byte offset in the decoded buffer where the problem was found. */
    public int offset() {
        return offset;
    }
}
