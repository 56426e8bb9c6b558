package io.strata.tsdb.block;

/**
 * Constants of version 1 of a block's {@code chunks} file ({@code docs/format/block.md}):
 *
 * <pre>
 * ┌──────────────────────────────┬──────────────────────────────────┬─────┬──────────────┐
 * │ header: "STCK" u8=1 3×0x00    │ record: chunk bytes │ CRC32C u32 │ ... │ CRC32C u32   │
 * └──────────────────────────────┴──────────────────────────────────┴─────┴──────────────┘
 * </pre>
 *
 * The index holds each record's offset and length; the per-record checksum is verified on every
 * read, so a damaged chunk is an error and never wrong samples; the footer covers the whole file
 * for {@code verify()}.
 */
public final class ChunksFormatV1 {
    /** "STCK" (Strata chunks) in ASCII. */
    public static final int MAGIC = 0x5354434B;

    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 8;

    /** Each record ends with the CRC32C of its chunk bytes. */
    public static final int RECORD_CRC_BYTES = 4;

    public static final int FOOTER_BYTES = 4;

    private ChunksFormatV1() {}
}
