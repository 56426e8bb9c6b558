package io.strata.ingest.protobuf;

/** Protobuf wire types (the low three bits of a field tag) and helpers to split a tag. */
public final class WireType {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    /** Deprecated groups; proto3 messages never contain them, so a decoder rejects them. */
    public static final int START_GROUP = 3;

    public static final int END_GROUP = 4;
    public static final int FIXED32 = 5;

    private WireType() {}

    public static int fieldNumber(int tag) {
        return tag >>> 3;
    }

    public static int wireType(int tag) {
        return tag & 7;
    }

    public static String name(int wireType) {
        return switch (wireType) {
            case VARINT -> "varint";
            case FIXED64 -> "fixed64";
            case LENGTH_DELIMITED -> "length-delimited";
            case START_GROUP -> "start-group";
            case END_GROUP -> "end-group";
            case FIXED32 -> "fixed32";
            default -> "unknown wire type " + wireType;
        };
    }
}
