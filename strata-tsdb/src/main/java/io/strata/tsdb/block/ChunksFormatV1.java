package io.strata.tsdb.block;

/**
 * Constants of version 1 of a block's {@code chunks} file ({@code docs/format/block.md}):
 *
 * <pre>
 * ┌──────────────────────────────┬─────────┬─────────┬─────┬───────────────────┐
 * │ header: "STCK" u8=1 3×0x00    │ chunk 0 │ chunk 1 │ ... │ CRC32C u32 (file) │
 * └──────────────────────────────┴─────────┴─────────┴─────┴───────────────────┘
 * </pre>
 *
 * Chunks are stored back to back as the encoding produced them (docs/format/chunks.md): each is
 * self-describing and ends with the CRC32C of its own bytes. The index holds each chunk's offset
 * and length; {@link ChunksReader} checks the chunk's CRC on every read, so a damaged chunk is an
 * error and never wrong samples. The footer covers the whole file for {@code verify()}.
 */
public final class ChunksFormatV1 {
    /** "STCK" (Strata chunks) in ASCII. */
    public static final int MAGIC = 0x5354434B;

    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 8;

    /** Every chunk ends with the CRC32C (little-endian) of its preceding bytes. */
    public static final int CHUNK_CRC_BYTES = 4;

    public static final int FOOTER_BYTES = 4;

    private ChunksFormatV1() {}
}
