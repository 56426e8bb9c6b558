package io.strata.encoding.chunk;

/**
 * Constants of the chunk format; the byte layout is specified in {@code docs/format/chunks.md}.
 *
 * <pre>
 * ┌──────────┬─────────────┬───────────────┬──────────────────┬─────────────┬──────┬─────────┐
 * │ encoding │ numSamples  │ minTime       │ maxTime-minTime  │ bodyLength  │ body │ CRC32C  │
 * │ 1 byte   │ uvarint     │ zigzag varint │ uvarint          │ uvarint     │      │ 4 B, LE │
 * └──────────┴─────────────┴───────────────┴──────────────────┴─────────────┴──────┴─────────┘
 *                            (min/max absent when numSamples = 0)
 * </pre>
 */
public final class ChunkFormat {
    /**
     * Plain Gorilla: delta-of-delta timestamps and XOR values in one interleaved bit stream.
     * Zero is never an encoding id so that zeroed (never written) bytes are recognised as such.
     */
    public static final int XOR_V1 = 0x01;

    /**
     * Closed chunks: columns of timestamps (grid offsets or delta of delta) and values (constant,
     * decimal integers with a fitted transform and bucket code, or XOR), chosen per chunk.
     */
    public static final int PACKED_V1 = 0x02;

    /**
     * Open chunks: delta-of-delta timestamps as {@link #XOR_V1}, and values as the delta of delta
     * of their integer while they are decimal at one scale (XOR otherwise), appendable sample by
     * sample.
     */
    public static final int DECIMAL_V1 = 0x03;

    /** The largest sample count the format allows; appenders use smaller limits. */
    public static final int MAX_SAMPLES = 65_535;

    /** The largest body the format allows (1 MiB); appenders use far smaller limits. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /** Bytes of the CRC32C trailer. */
    public static final int CRC_BYTES = 4;

    private ChunkFormat() {}

    /** A short name for an encoding id, for error messages. */
    static String encodingName(int encoding) {
        return switch (encoding) {
            case XOR_V1 -> "xor-v1";
            case PACKED_V1 -> "packed-v1";
            case DECIMAL_V1 -> "decimal-v1";
            default -> "unknown(0x" + Integer.toHexString(encoding) + ")";
        };
    }
}
