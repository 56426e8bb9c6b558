package io.strata.ingest.protobuf;

/**
 * Reads protobuf wire format from a byte array without allocating: the caller walks fields with
 * {@link #readTag()} and reads or skips each value. Nested messages are entered with
 * {@link #enterMessage()} and left with {@link #exitMessage(int)}, which narrow and restore the
 * readable limit, so one reader serves a whole request.
 *
 * <p>Every read checks bounds first; a violation throws {@link MalformedProtobufException} with the
 * offset, so hostile input can neither read outside the array nor make the reader allocate.
 * Reusable through {@link #reset}; not thread-safe.
 */
public final class ProtobufReader {
    private byte[] buf = new byte[0];
    private int pos;
    private int limit;

    /** Points the reader at {@code buf[offset, offset + length)}. */
    public ProtobufReader reset(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || length > buf.length - offset) {
            throw new IllegalArgumentException(
                    "BUG: range [" + offset + ", +" + length + ") outside array of " + buf.length);
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
        return this;
    }

    public byte[] buffer() {
        return buf;
    }

    public int position() {
        return pos;
    }

    /** Moves to {@code position}, which must lie within the current limit. */
    public void position(int position) {
        if (position < 0 || position > limit) {
            throw new IllegalArgumentException("BUG: position " + position + " outside limit " + limit);
        }
        pos = position;
    }

    public int limit() {
        return limit;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    /**
     * Reads the next field tag.
     *
     * @throws MalformedProtobufException for field number 0, groups and unknown wire types
     */
    public int readTag() {
        int at = pos;
        long tag = readVarint64();
        if (tag > Integer.MAX_VALUE || WireType.fieldNumber((int) tag) == 0) {
            throw new MalformedProtobufException("invalid field tag " + Long.toUnsignedString(tag), at);
        }
        int wireType = WireType.wireType((int) tag);
        if (wireType == WireType.START_GROUP || wireType == WireType.END_GROUP || wireType > WireType.FIXED32) {
            throw new MalformedProtobufException(
                    "unsupported wire type " + WireType.name(wireType) + " for field "
                            + WireType.fieldNumber((int) tag),
                    at);
        }
        return (int) tag;
    }

    /** Reads a varint of up to ten bytes; bits beyond 64 are an error. */
    public long readVarint64() {
        int p = pos;
        // Tags, lengths and most refs fit in one or two bytes: take those without the loop.
        if (p < limit) {
            byte b0 = buf[p];
            if (b0 >= 0) {
                pos = p + 1;
                return b0;
            }
            if (p + 1 < limit && buf[p + 1] >= 0) {
                pos = p + 2;
                return (b0 & 0x7f) | (long) buf[p + 1] << 7;
            }
        }
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p >= limit) {
                throw new MalformedProtobufException("truncated varint", pos);
            }
            byte b = buf[p++];
            if (shift == 63 && (b & 0xfe) != 0) {
                throw new MalformedProtobufException("varint overflows 64 bits", pos);
            }
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                pos = p;
                return result;
            }
        }
        throw new MalformedProtobufException("varint longer than ten bytes", pos);
    }

    /** Reads a little-endian 64-bit value (double, fixed64, sfixed64). */
    public long readFixed64() {
        if (limit - pos < 8) {
            throw new MalformedProtobufException("truncated fixed64", pos);
        }
        int p = pos;
        long v = (buf[p] & 0xffL)
                | (buf[p + 1] & 0xffL) << 8
                | (buf[p + 2] & 0xffL) << 16
                | (buf[p + 3] & 0xffL) << 24
                | (buf[p + 4] & 0xffL) << 32
                | (buf[p + 5] & 0xffL) << 40
                | (buf[p + 6] & 0xffL) << 48
                | (buf[p + 7] & 0xffL) << 56;
        pos = p + 8;
        return v;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readFixed64());
    }

    /** Reads a little-endian 32-bit value (float, fixed32, sfixed32). */
    public int readFixed32() {
        if (limit - pos < 4) {
            throw new MalformedProtobufException("truncated fixed32", pos);
        }
        int p = pos;
        int v = (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8 | (buf[p + 2] & 0xff) << 16 | (buf[p + 3] & 0xff) << 24;
        pos = p + 4;
        return v;
    }

    /**
     * Reads the length prefix of a length-delimited value and checks that the value fits inside
     * the current limit. The value's bytes start at {@link #position()} afterwards.
     */
    public int readLength() {
        int at = pos;
        long len = readVarint64();
        if (len < 0 || len > limit - pos) {
            throw new MalformedProtobufException(
                    "length " + Long.toUnsignedString(len) + " runs past the end of its message (" + (limit - pos)
                            + " bytes left)",
                    at);
        }
        return (int) len;
    }

    /**
     * Enters a length-delimited field as a nested message: the limit narrows to its end.
     *
     * @return the previous limit, to pass to {@link #exitMessage(int)}
     */
    public int enterMessage() {
        int len = readLength();
        int outer = limit;
        limit = pos + len;
        return outer;
    }

    /** Leaves a nested message entered with {@link #enterMessage()}; its bytes must be consumed. */
    public void exitMessage(int outerLimit) {
        if (pos != limit) {
            throw new IllegalStateException("BUG: left a nested message with " + (limit - pos) + " bytes unread");
        }
        limit = outerLimit;
    }

    /** Skips {@code n} bytes, which must lie within the current limit. */
    public void skip(int n) {
        skipBytes(n, "truncated field");
    }

    /**
     * Reads the length prefix of a length-delimited field and skips its bytes.
     *
     * @return the offset of the field's first byte; its length is {@code position() - offset}
     */
    public int skipLengthDelimited() {
        int len = readLength();
        int start = pos;
        pos += len;
        return start;
    }

    /** Skips the value of a field whose tag was just read, whatever its wire type. */
    public void skipField(int tag) {
        switch (WireType.wireType(tag)) {
            case WireType.VARINT -> readVarint64();
            case WireType.FIXED64 -> skipBytes(8, "truncated fixed64");
            case WireType.LENGTH_DELIMITED -> skipLengthDelimited();
            case WireType.FIXED32 -> skipBytes(4, "truncated fixed32");
            default -> throw new IllegalStateException("BUG: readTag admitted wire type " + WireType.wireType(tag));
        }
    }

    private void skipBytes(int n, String problem) {
        if (n < 0 || limit - pos < n) {
            throw new MalformedProtobufException(problem, pos);
        }
        pos += n;
    }

    /**
     * Checks that a known field arrived with the wire type its schema declares. Protobuf parsers
     * differ here (Go's rejects, Java's treats the field as unknown); rejecting tells a broken
     * sender what is wrong instead of silently dropping its data.
     */
    public void expectWireType(int tag, int wireType, String fieldName) {
        if (WireType.wireType(tag) != wireType) {
            throw new MalformedProtobufException(
                    "field " + fieldName + " (" + WireType.fieldNumber(tag) + ") has wire type "
                            + WireType.name(WireType.wireType(tag)) + ", expected " + WireType.name(wireType),
                    pos);
        }
    }
}
