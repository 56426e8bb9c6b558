package io.strata.tsdb.index;

/**
 * Constants of version 1 of the block index file. The layout is specified in
 * {@code docs/format/index.md}; {@link IndexWriter} writes it and {@link IndexReader} reads it.
 */
public final class IndexFormatV1 {
    /** "STIX" (Strata index) in ASCII. */
    public static final int MAGIC = 0x53544958;

    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 8;

    /**
     * Symbols are front-coded in groups of this many; the first of each group is stored whole so a
     * lookup decodes at most a group. 16 keeps a lookup cheap while shared prefixes still pay.
     */
    public static final int SYMBOL_GROUP = 16;

    /**
     * Series are stored in groups of this many; inside a group each series stores only the label
     * pairs that differ from the previous series (sorted order makes neighbours share most), and its
     * first chunk offset is implied by the previous series' chunks.
     */
    public static final int SERIES_GROUP = 16;

    /** Postings kinds: a varint list for short lists, Roaring's portable format otherwise. */
    public static final int POSTINGS_LIST = 0;

    public static final int POSTINGS_ROARING = 1;

    /**
     * Lists up to this length may be stored as varints when that is smaller; longer ones are always
     * Roaring so queries map them without decoding.
     */
    public static final int MAX_VARINT_POSTINGS = 32;

    /** minTime, maxTime, 3 counts (u32) and 8 offsets (u64). */
    public static final int TOC_BYTES = 8 + 8 + 3 * 4 + 6 * 8;

    public static final int FOOTER_BYTES = 4;

    private IndexFormatV1() {}
}
